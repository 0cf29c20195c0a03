package dev.docpipe.bench.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one phase, summarised without leaving the benchmark: CPU samples per thread
 * group, and the stream thread's samples split into what the decider spends its time on (each
 * sample goes to the first bucket, in the order below, that any frame of its stack matches: so
 * Jackson frames count for the codec that asked for the JSON, and RocksDB under a commit for RocksDB).
 */
final class JfrSummary {
    private static final String[][] BUCKETS = {
            // {bucket, class prefix, method (or "*")}
            {"StoredDocument read/write (store serde)", "dev.docpipe.pipeline.topology.StoredDocumentSerde", "*"},
            {"StoredDocument read/write (store serde)", "dev.docpipe.model.json.ModelJson", "read"},
            {"StoredDocument read/write (store serde)", "dev.docpipe.model.json.ModelJson", "write"},
            {"output JSON encode (events, jobs, outcomes)", "dev.docpipe.model.json.", "encode"},
            {"input JSON decode (commands, results)", "dev.docpipe.model.json.", "decode"},
            {"RocksDB (JNI)", "org.rocksdb.", "*"},
            {"CloudEvents headers", "dev.docpipe.pipeline.topology.CloudEvents", "*"},
            {"Micrometer counters", "io.micrometer.", "*"},
            {"decider, Ids (MD5 UUIDs), records", "dev.docpipe.model.", "*"},
            {"commit / transactions", "org.apache.kafka.clients.producer.KafkaProducer", "commitTransaction"},
            {"commit / transactions", "org.apache.kafka.clients.producer.KafkaProducer", "sendOffsetsToTransaction"},
            {"commit / transactions", "org.apache.kafka.clients.producer.KafkaProducer", "beginTransaction"},
            {"producer send (partition, batch, lz4)", "org.apache.kafka.clients.producer.", "*"},
            {"consumer poll / fetch decode", "org.apache.kafka.clients.consumer.", "*"},
            {"state store layers + record cache", "org.apache.kafka.streams.state.internals.", "*"},
            {"processor glue (CommandProcessor etc.)", "dev.docpipe.pipeline.", "*"},
            {"rest of Kafka Streams runtime", "org.apache.kafka.streams.", "*"},
    };

    private static final List<String> BLOCKING_EVENTS =
            List.of("jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.ThreadSleep", "jdk.JavaMonitorEnter");
    private static final String[][] WAITS = {
            {"producer flush at commit (waiting for the broker's acks)", "RecordAccumulator", "awaitFlushCompletion"},
            {"sendOffsetsToTransaction (TxnOffsetCommit)", "KafkaProducer", "sendOffsetsToTransaction"},
            {"commitTransaction (EndTxn)", "KafkaProducer", "commitTransaction"},
            {"begin/init transaction", "KafkaProducer", "initTransactions"},
            {"producer send blocked (buffer full / metadata)", "KafkaProducer", "doSend"},
            {"consumer poll", "KafkaConsumer", "poll"},
    };

    private JfrSummary() {}

    static Recording start() throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
        recording.enable("jdk.NativeMethodSample").withPeriod(java.time.Duration.ofMillis(10));
        // Where the stream thread blocks: 1 ms threshold instead of the profile's 10-20 ms.
        for (String blocking : BLOCKING_EVENTS) {
            recording.enable(blocking).withThreshold(java.time.Duration.ofMillis(1)).withStackTrace();
        }
        recording.start();
        return recording;
    }

    static void stopAndPrint(Recording recording, Path file) throws IOException {
        recording.stop();
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            java.nio.file.Files.createDirectories(absolute.getParent());
        }
        recording.dump(absolute);
        recording.close();

        Map<String, Long> byGroup = new LinkedHashMap<>();
        Map<String, Long> buckets = new LinkedHashMap<>();
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> brokerLeaves = new HashMap<>();
        long streamSamples = 0;
        Map<String, Double> waits = new LinkedHashMap<>();
        double waited = 0;
        Map<String, Long> natives = new LinkedHashMap<>();
        double recorded = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(absolute)) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                recorded = Math.max(recorded, java.time.Duration.between(recording.getStartTime(),
                        event.getStartTime()).toNanos() / 1e9);
            }
            if (BLOCKING_EVENTS.contains(event.getEventType().getName()) && event.getThread() != null
                    && StreamsThreadGroups.INSTANCE.ofJavaThread(event.getThread().getJavaName()).equals("stream thread")) {
                double seconds = event.getDuration().toNanos() / 1e9;
                waited += seconds;
                waits.merge(waitReason(event.getStackTrace()), seconds, Double::sum);
                continue;
            }
            if (event.getEventType().getName().equals("jdk.NativeMethodSample") && event.getStackTrace() != null
                    && event.getThread("sampledThread") != null
                    && StreamsThreadGroups.INSTANCE.ofJavaThread(event.getThread("sampledThread").getJavaName()).equals("stream thread")) {
                natives.merge(nativeKind(event.getStackTrace()), 1L, Long::sum);
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? null
                    : event.getThread("sampledThread").getJavaName();
            String group = StreamsThreadGroups.INSTANCE.ofJavaThread(thread);
            byGroup.merge(group, 1L, Long::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            if (group.equals("stream thread")) {
                streamSamples++;
                buckets.merge(bucket(event.getStackTrace()), 1L, Long::sum);
                leaves.merge(name(frames.getFirst()), 1L, Long::sum);
            } else if (group.equals("broker")) {
                brokerLeaves.merge(name(frames.getFirst()), 1L, Long::sum);
            }
        }
        long all = byGroup.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("  JFR %s: %d Java CPU samples; by thread group: %s%n", absolute, all, percentages(byGroup, all, 10));
        long streamTotal = streamSamples;
        System.out.printf("  stream thread samples by activity (%d):%n", streamTotal);
        buckets.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / streamTotal, e.getKey()));
        System.out.printf("  stream thread hottest leaf methods: %s%n", percentages(leaves, streamSamples, 12));
        double totalWaited = waited;
        double span = recorded;
        System.out.printf("  stream thread blocked (parks/waits >= 1 ms): %.1f s of the %.1f s recorded, on:%n",
                totalWaited, span);
        waits.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6).forEach(e ->
                System.out.printf("    %5.1f s  %s%n", e.getValue(), e.getKey()));
        System.out.printf("  stream thread in native code (10 ms samples, waiting included): %s%n",
                percentages(natives, natives.values().stream().mapToLong(Long::longValue).sum(), 6)
                        + " of " + natives.values().stream().mapToLong(Long::longValue).sum() + " samples");
        System.out.printf("  broker hottest leaf methods: %s%n",
                percentages(brokerLeaves, brokerLeaves.values().stream().mapToLong(Long::longValue).sum(), 6));
    }

    private static String bucket(RecordedStackTrace stack) {
        for (String[] bucket : BUCKETS) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod() != null && frame.getMethod().getType().getName().startsWith(bucket[1])
                        && (bucket[2].equals("*") || frame.getMethod().getName().equals(bucket[2]))) {
                    return bucket[0];
                }
            }
        }
        return stack.isTruncated() ? "unclassified (stack truncated)" : "other (JDK, Jackson outside the codecs, ...)";
    }

    private static String nativeKind(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.rocksdb.")) {
                return "RocksDB " + frame.getMethod().getName();
            }
            if (type.startsWith("sun.nio.ch.EPoll") || type.contains("Selector")) {
                return "network poll (waiting for data)";
            }
        }
        return stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().getFirst());
    }

    private static String waitReason(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (String[] wait : WAITS) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod() != null && frame.getMethod().getType().getName().endsWith(wait[1])
                        && frame.getMethod().getName().equals(wait[2])) {
                    return wait[0];
                }
            }
        }
        return stack.getFrames().stream().map(JfrSummary::name)
                .filter(n -> !n.startsWith("Unsafe.") && !n.startsWith("LockSupport.") && !n.startsWith("Thread.")
                        && !n.startsWith("Object.") && !n.contains("Condition") && !n.contains("Latch")
                        && !n.contains("Sync."))
                .findFirst().orElse("?");
    }

    private static String name(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static String percentages(Map<String, Long> counts, long total, int limit) {
        StringBuilder text = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> text.append(text.isEmpty() ? "" : ", ")
                        .append("%s %.1f%%".formatted(e.getKey(), 100.0 * e.getValue() / Math.max(1, total))));
        return text.toString();
    }
}
