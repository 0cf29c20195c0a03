package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.ThreadGroups;
import java.util.List;

/**
 * Where the CPU of a pipeline phase went. Everything (benchmark, Kafka Streams, the embedded broker) runs in
 * this one JVM, so per-thread CPU time tells the stream thread's share from the broker's; the OS's view adds
 * the JVM's own threads (GC, JIT) and RocksDB's native background threads.
 */
final class StreamsThreadGroups implements ThreadGroups {
    static final StreamsThreadGroups INSTANCE = new StreamsThreadGroups();
    /** Streams' client.id in the benchmark, so its stream thread's OS name is "dp-StreamThread". */
    static final String CLIENT_ID = "dp";
    static final String STREAM_THREAD = "stream thread";

    private StreamsThreadGroups() {}

    @Override
    public List<String> javaGroups() {
        return List.of(STREAM_THREAD, "streams clients", "broker", "harness", "JVM");
    }

    @Override
    public List<String> nativeGroups() {
        return List.of("GC", "JIT", "RocksDB bg");
    }

    @Override
    public String ofOsThread(String comm) {
        if (comm.startsWith(CLIENT_ID + "-StreamThread")) {
            return STREAM_THREAD;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("GC ")) {
            return "GC";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JIT";
        }
        return comm.startsWith("rocksdb:") ? "RocksDB bg" : "other";
    }

    @Override
    public String ofJavaThread(String name) {
        if (name == null) {
            return "JVM";
        }
        if (name.startsWith(CLIENT_ID + "-StreamThread-")) {
            return STREAM_THREAD;
        }
        if (name.contains("| " + CLIENT_ID + "-") || name.startsWith(CLIENT_ID + "-") || name.contains("| bench-")) {
            // their producer's network thread, admin client, heartbeat (named by group = application id), state updater
            return "streams clients";
        }
        if (name.startsWith("probe-") || name.endsWith(".main()") || name.equals("main") || name.contains("| adminclient-")
                || name.contains("| producer-") || name.contains("| consumer-")) {
            return "harness";
        }
        if (name.startsWith("JFR ") || name.startsWith("Reference Handler") || name.equals("Finalizer")
                || name.startsWith("Signal Dispatcher") || name.startsWith("Common-Cleaner")
                || name.startsWith("Notification Thread") || name.startsWith("Attach Listener")
                || name.equals("resource-meter")) {
            return "JVM";
        }
        return "broker";
    }
}
