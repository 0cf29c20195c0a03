package dev.docpipe.bench.pipeline;

import dev.docpipe.model.document.DocumentState;
import dev.docpipe.pipeline.topology.StoredDocument;
import dev.docpipe.pipeline.topology.StoredDocumentSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What the decider keeps: its store (values and files) and what it writes to the broker. */
public final class Footprint {
    static final String DOCUMENTS_STORE = "documents";
    private static final int SERDE_SAMPLE = 20_000;

    private Footprint() {}

    /**
     * The documents store as interactive queries see it; sizes are the store serde's output
     * ({@link StoredDocumentSerde}), i.e. the bytes RocksDB and the changelog hold per document.
     */
    public record StoreValues(long documents, long totalBytes, long documentBytes, long rememberedOutcomes,
            Map<DocumentState, Long> states, long reviewed, double writeMicros, double readMicros,
            double documentWriteMicros, double documentReadMicros) {
        public double meanBytes() {
            return (double) totalBytes / documents;
        }

        public double meanDocumentBytes() {
            return (double) documentBytes / documents;
        }

        double meanRemembered() {
            return (double) rememberedOutcomes / documents;
        }
    }

    public static StoreValues storeValues(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, StoredDocument> store = streams.store(StoreQueryParameters.fromNameAndType(
                DOCUMENTS_STORE, QueryableStoreTypes.<String, StoredDocument>keyValueStore()));
        long count = 0;
        long total = 0;
        long document = 0;
        long remembered = 0;
        long reviewed = 0;
        Map<DocumentState, Long> states = new EnumMap<>(DocumentState.class);
        List<StoredDocument> sample = new ArrayList<>();
        try (KeyValueIterator<String, StoredDocument> all = store.all()) {
            while (all.hasNext()) {
                StoredDocument value = all.next().value;
                if (sample.size() < SERDE_SAMPLE) {
                    sample.add(value);
                }
                count++;
                total += StoredDocumentSerde.encode(value).length;
                document += StoredDocumentSerde.encode(new StoredDocument(value.document(), List.of())).length;
                remembered += value.recentCommands().size();
                states.merge(value.document().state(), 1L, Long::sum);
                reviewed += value.document().review().version() == 1 ? 1 : 0;
            }
        }
        double[] serde = timeSerde(sample);
        double[] documentOnly = timeSerde(sample.stream().map(v -> new StoredDocument(v.document(), List.of())).toList());
        return new StoreValues(count, total, document, remembered, states, reviewed, serde[0], serde[1],
                documentOnly[0], documentOnly[1]);
    }

    /**
     * What the store serde costs per command: every command reads its document (the record cache holds
     * bytes, so a cache hit is deserialised too) and writes it back. Best of three passes over real
     * values, CPU microseconds per write and per read; for the Document alone too, to show what the
     * remembered outcomes cost.
     */
    private static double[] timeSerde(List<StoredDocument> values) {
        double write = Double.MAX_VALUE;
        double read = Double.MAX_VALUE;
        List<byte[]> bytes = new ArrayList<>(values.size());
        long sink = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3 && !values.isEmpty(); round++) {
            bytes.clear();
            // CPU time of this thread, not wall time: other processes on the machine do not inflate it
            long start = threads.getCurrentThreadCpuTime();
            for (StoredDocument value : values) {
                bytes.add(StoredDocumentSerde.encode(value));
            }
            long written = threads.getCurrentThreadCpuTime();
            for (byte[] b : bytes) {
                sink += StoredDocumentSerde.decode(b).hashCode() & 1;
            }
            long done = threads.getCurrentThreadCpuTime();
            write = Math.min(write, (written - start) / 1e3 / values.size());
            read = Math.min(read, (done - written) / 1e3 / values.size());
        }
        return sink < 0 ? new double[2] : new double[] {write, read};
    }

    /** Bytes on disk under the application's state directory, per store ("other": checkpoints, locks). */
    public static Map<String, Long> stateDirBytes(Path appStateDir) {
        Map<String, Long> bytes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(appStateDir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path relative = appStateDir.relativize(file);
                String store = "other";
                for (int i = 0; i + 1 < relative.getNameCount(); i++) {
                    if (relative.getName(i).toString().equals("rocksdb")) {
                        store = relative.getName(i + 1).toString();
                        break;
                    }
                }
                bytes.merge(store, size(file), Long::sum);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    /** Size on the broker of every topic (all partitions, as stored: compressed batches). */
    public static Map<String, Long> topicBytes(Admin admin) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
        Map<String, Long> bytes = new HashMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                .get(30, TimeUnit.SECONDS).values()) {
            for (LogDirDescription dir : dirs.values()) {
                dir.replicaInfos().forEach((partition, info) -> bytes.merge(partition.topic(), info.size(), Long::sum));
            }
        }
        return bytes;
    }

    /** End offsets summed per topic: records written, transaction markers included. */
    static Map<String, Long> topicRecords(Admin admin) throws Exception {
        Map<String, Long> records = new HashMap<>();
        var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get(30, TimeUnit.SECONDS);
        PipelineBenchmark.endOffsets(admin, names.toArray(String[]::new))
                .forEach((partition, offset) -> records.merge(partition.topic(), offset, Long::sum));
        return records;
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((topic, size) -> {
            long grown = size - before.getOrDefault(topic, 0L);
            if (grown > 0) {
                delta.put(topic, grown);
            }
        });
        return delta;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // RocksDB may delete a file while we walk
        }
    }
}
