package dev.docpipe.bench.pipeline;

import dev.docpipe.model.Topics;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The second, fairer ceiling: the decider's Kafka and store work without its decoding, deciding and
 * encoding. Per input record it reads and writes a value of the decider's mean stored size in a
 * cached, changelogged RocksDB store keyed by the record key (as the decider does with its
 * document), and writes the input bytes to two bench-only topics (the decider writes ~2 records per
 * input: events, outcomes, jobs). The pass-through ceiling writes one record and keeps no state, so
 * no real decider can come near it; this one shows what is left for the decider's own CPU.
 */
final class IoMatchedTopology {
    static final String SINK_A = "bench.io-matched.a";
    static final String SINK_B = "bench.io-matched.b";
    static final String STORE = "io-matched-state";

    private IoMatchedTopology() {}

    static Topology build(int storedValueBytes) {
        Deserializer<byte[]> in = Serdes.ByteArray().deserializer();
        Serializer<byte[]> out = Serdes.ByteArray().serializer();
        Topology topology = new Topology();
        topology.addSource("commands", in, in, Topics.COMMANDS);
        topology.addSource("job-results", in, in, Topics.JOB_RESULTS);
        topology.addProcessor("read-write-state", () -> new ReadWriteState(storedValueBytes), "commands",
                "job-results");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled(), "read-write-state");
        topology.addSink("a", SINK_A, out, out, "read-write-state");
        topology.addSink("b", SINK_B, out, out, "read-write-state");
        return topology;
    }

    private static final class ReadWriteState implements Processor<byte[], byte[], byte[], byte[]> {
        private final int storedValueBytes;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        ReadWriteState(int storedValueBytes) {
            this.storedValueBytes = storedValueBytes;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Bytes key = Bytes.wrap(record.key());
            byte[] before = store.get(key);
            // a value of the stored size that changes with every write, as compressible as JSON-ish input
            byte[] after = Arrays.copyOf(record.value(), storedValueBytes);
            if (before != null && before.length > 0) {
                after[after.length - 1] = (byte) (before[before.length - 1] + 1);
            }
            store.put(key, after);
            context.forward(record, "a");
            context.forward(record, "b");
        }
    }
}
