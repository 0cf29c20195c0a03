package dev.docpipe.pipeline.topology;

import dev.docpipe.model.Topics;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole pipeline as one Kafka Streams topology:
 *
 * <pre>
 *   docpipe.commands ────► commands ────┐                       ┌──► docpipe.events (CloudEvents headers)
 *                                       ├─ stores: documents ───┼──► docpipe.jobs.scan / docpipe.jobs.ocr
 *   docpipe.job-results ─► job-results ─┘          lease-deadlines ├──► docpipe.command-outcomes
 *                          (+ lease expiry, wall clock)          └──► docpipe.dlq
 * </pre>
 *
 * Both inputs are co-partitioned by document id and connected to the same stores, so they form one
 * sub-topology: one task owns a document's commands, results and leases. Inputs are read as raw
 * bytes and decoded inside the processors, so an unreadable record is dead-lettered, never fatal.
 */
public final class DocpipeTopology {
    static final String COMMANDS_SOURCE = "commands";
    static final String RESULTS_SOURCE = "job-results";
    static final String COMMAND_PROCESSOR = "decide-commands";
    static final String RESULT_PROCESSOR = "apply-job-results";
    static final String EVENTS_SINK = "events";
    static final String SCAN_JOBS_SINK = "scan-jobs";
    static final String OCR_JOBS_SINK = "ocr-jobs";
    static final String OUTCOMES_SINK = "command-outcomes";
    static final String DLQ_SINK = "dlq";

    private DocpipeTopology() {}

    public static Topology build(TopologySettings settings, PipelineMetrics metrics) {
        return build(settings, metrics, DecisionTracing.NONE);
    }

    /** @param tracing the span of each decision (docs/decisions/0013-tracing.md) */
    public static Topology build(TopologySettings settings, PipelineMetrics metrics, DecisionTracing tracing) {
        return build(settings, metrics, OutputEncoder.JSON, tracing);
    }

    static Topology build(TopologySettings settings, PipelineMetrics metrics, OutputEncoder encoder) {
        return build(settings, metrics, encoder, DecisionTracing.NONE);
    }

    static Topology build(TopologySettings settings, PipelineMetrics metrics, OutputEncoder encoder,
            DecisionTracing tracing) {
        Deserializer<byte[]> bytesIn = Serdes.ByteArray().deserializer();
        Serializer<byte[]> bytesOut = Serdes.ByteArray().serializer();
        Topology topology = new Topology();

        topology.addSource(COMMANDS_SOURCE, bytesIn, bytesIn, Topics.COMMANDS);
        topology.addSource(RESULTS_SOURCE, bytesIn, bytesIn, Topics.JOB_RESULTS);
        topology.addProcessor(COMMAND_PROCESSOR, () -> new CommandProcessor(settings, metrics, encoder, tracing),
                COMMANDS_SOURCE);
        topology.addProcessor(RESULT_PROCESSOR, () -> new JobResultProcessor(settings, metrics, encoder, tracing),
                RESULTS_SOURCE);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DocumentRepository.STORE),
                        Serdes.String(), storedDocumentSerde())
                .withCachingEnabled(), COMMAND_PROCESSOR, RESULT_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LeaseIndex.STORE),
                        Serdes.String(), Serdes.String())
                .withCachingEnabled(), COMMAND_PROCESSOR, RESULT_PROCESSOR);

        String[] deciders = {COMMAND_PROCESSOR, RESULT_PROCESSOR};
        topology.addSink(EVENTS_SINK, Topics.EVENTS, bytesOut, bytesOut, deciders);
        topology.addSink(SCAN_JOBS_SINK, Topics.SCAN_JOBS, bytesOut, bytesOut, deciders);
        topology.addSink(OCR_JOBS_SINK, Topics.OCR_JOBS, bytesOut, bytesOut, deciders);
        topology.addSink(OUTCOMES_SINK, Topics.COMMAND_OUTCOMES, bytesOut, bytesOut, COMMAND_PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.DLQ, bytesOut, bytesOut, deciders);
        return topology;
    }

    /** The names of the topology's state stores (their changelogs are {@code <application id>-<name>-changelog}). */
    public static List<String> storeNames() {
        return List.of(DocumentRepository.STORE, LeaseIndex.STORE);
    }

    static String sinkFor(JobKind kind) {
        return kind == JobKind.SCAN ? SCAN_JOBS_SINK : OCR_JOBS_SINK;
    }

    static DocumentRepository repository(ProcessorContext<?, ?> context) {
        KeyValueStore<String, StoredDocument> documents = context.getStateStore(DocumentRepository.STORE);
        KeyValueStore<String, String> deadlines = context.getStateStore(LeaseIndex.STORE);
        return new DocumentRepository(documents, new LeaseIndex(deadlines));
    }

    /** The compact binary format of {@link StoredDocumentLayout}. */
    static Serde<StoredDocument> storedDocumentSerde() {
        return new StoredDocumentSerde();
    }
}
