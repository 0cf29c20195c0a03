package dev.docpipe.bench.pipeline;

import dev.docpipe.model.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * The ceiling: the decider's two inputs copied as bytes to one bench-only topic, no store, no
 * decoding. Run with the decider's properties (exactly_once_v2, same commit interval, lz4), its rate
 * is what this broker, machine and Kafka Streams' transactional read-process-write loop allow.
 */
final class PassThroughTopology {
    static final String SINK_TOPIC = "bench.passthrough";

    private PassThroughTopology() {}

    static Topology build() {
        Deserializer<byte[]> in = Serdes.ByteArray().deserializer();
        Serializer<byte[]> out = Serdes.ByteArray().serializer();
        Topology topology = new Topology();
        topology.addSource("commands", in, in, Topics.COMMANDS);
        topology.addSource("job-results", in, in, Topics.JOB_RESULTS);
        topology.addSink("copy", SINK_TOPIC, out, out, "commands", "job-results");
        return topology;
    }
}
