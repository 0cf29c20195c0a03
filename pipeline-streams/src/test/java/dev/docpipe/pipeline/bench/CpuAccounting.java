package dev.docpipe.pipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Where the CPU of a phase went. Everything (benchmark, Kafka Streams, the embedded broker) runs in
 * this one JVM, so per-thread CPU time tells the stream thread's share from the broker's; Linux's
 * per-thread schedstat adds the JVM's own threads (GC, JIT), RocksDB's native background threads,
 * and how long runnable threads waited for a CPU (other processes on the machine included).
 */
final class CpuAccounting {
    /** Streams' client.id in the benchmark, so its stream thread's OS name is "dp-StreamThread". */
    static final String CLIENT_ID = "dp";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final String[] JAVA_GROUPS = {"stream thread", "streams clients", "broker", "harness", "JVM"};
    static final String[] NATIVE_GROUPS = {"GC", "JIT", "RocksDB bg"};

    private CpuAccounting() {}

    record Snapshot(long wallNanos, long processCpuNanos, Map<Long, Long> threadCpu, Map<Long, String> threadNames,
            Map<String, Long> osCpu, Map<String, Long> osWait, String load) {
        Usage until(Snapshot later) {
            Map<String, Long> java = new LinkedHashMap<>();
            for (String group : JAVA_GROUPS) {
                java.put(group, 0L);
            }
            later.threadCpu.forEach((id, cpu) -> java.merge(group(later.threadNames.get(id)),
                    Math.max(0, cpu - threadCpu.getOrDefault(id, 0L)), Long::sum));
            return new Usage((later.wallNanos - wallNanos) / 1e9, (later.processCpuNanos - processCpuNanos) / 1e9,
                    java, minus(later.osCpu, osCpu), minus(later.osWait, osWait), load + " -> " + later.load);
        }
    }

    /** CPU and run-queue wait in nanoseconds per group over a phase. */
    record Usage(double wallSeconds, double processCpuSeconds, Map<String, Long> javaCpu, Map<String, Long> osCpu,
            Map<String, Long> osWait, String load) {
        double cores(String group) {
            return javaCpu.getOrDefault(group, osCpu.getOrDefault(group, 0L)) / 1e9 / wallSeconds;
        }

        double streamThreadCpuSeconds() {
            return javaCpu.getOrDefault("stream thread", 0L) / 1e9;
        }

        String describe() {
            StringJoiner parts = new StringJoiner(", ");
            for (String group : JAVA_GROUPS) {
                parts.add("%s %.2f".formatted(group, cores(group)));
            }
            for (String group : NATIVE_GROUPS) {
                parts.add("%s %.2f".formatted(group, cores(group)));
            }
            return ("process %.2f cores of %d: %s%n  waiting for a CPU while runnable: stream thread(s) %.0f %% of the "
                    + "phase, all threads %.2f cores; load average %s").formatted(processCpuSeconds / wallSeconds,
                    Runtime.getRuntime().availableProcessors(), parts,
                    100 * osWait.getOrDefault("stream thread", 0L) / 1e9 / wallSeconds,
                    osWait.getOrDefault("all", 0L) / 1e9 / wallSeconds, load);
        }
    }

    static Snapshot snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            long time = info == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                cpu.put(info.getThreadId(), time);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        Map<String, Long> osCpu = new HashMap<>();
        Map<String, Long> osWait = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    String group = nativeGroup(comm);
                    for (String g : new String[] {group, "all"}) {
                        osCpu.merge(g, Long.parseLong(sched[0]), Long::sum);
                        osWait.merge(g, Long.parseLong(sched[1]), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux: no native breakdown
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            load = "?";
        }
        return new Snapshot(System.nanoTime(), process, cpu, names, osCpu, osWait, load);
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
        return delta;
    }

    private static String nativeGroup(String comm) {
        if (comm.startsWith(CLIENT_ID + "-StreamThread")) {
            return "stream thread";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("GC ")) {
            return "GC";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JIT";
        }
        return comm.startsWith("rocksdb:") ? "RocksDB bg" : "other";
    }

    /** The group of a Java thread, by name. */
    static String group(String name) {
        if (name == null) {
            return "JVM";
        }
        if (name.startsWith(CLIENT_ID + "-StreamThread-")) {
            return "stream thread";
        }
        if (name.contains("| " + CLIENT_ID + "-") || name.startsWith(CLIENT_ID + "-") || name.contains("| bench-")) {
            // their producer's network thread, admin client, heartbeat (named by group = application id), state updater
            return "streams clients";
        }
        if (name.startsWith("probe-") || name.endsWith(".main()") || name.contains("| adminclient-")
                || name.contains("| producer-") || name.contains("| consumer-")) {
            return "harness";
        }
        if (name.startsWith("JFR ") || name.startsWith("Reference Handler") || name.equals("Finalizer")
                || name.startsWith("Signal Dispatcher") || name.startsWith("Common-Cleaner")
                || name.startsWith("Notification Thread") || name.startsWith("Attach Listener")) {
            return "JVM";
        }
        return "broker";
    }
}
