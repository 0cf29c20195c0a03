package dev.docpipe.pipeline.topology;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology in a TopologyTestDriver, with typed helpers to feed commands and read outputs. */
final class PipelineDriver implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final TopologyTestDriver driver;
    final PipelineMetrics metrics = PipelineMetrics.noop();
    private final TestInputTopic<byte[], byte[]> commands;
    private final TestInputTopic<byte[], byte[]> results;
    private final TestOutputTopic<byte[], byte[]> events;
    private final TestOutputTopic<byte[], byte[]> scanJobs;
    private final TestOutputTopic<byte[], byte[]> ocrJobs;
    private final TestOutputTopic<byte[], byte[]> outcomes;
    private final TestOutputTopic<byte[], byte[]> dlq;

    PipelineDriver(TopologySettings settings) {
        this(settings, OutputEncoder.JSON);
    }

    /** With another encoder of the outputs: a seam to make an output fail to encode. */
    PipelineDriver(TopologySettings settings, OutputEncoder encoder) {
        this(settings, encoder, DecisionTracing.NONE);
    }

    /** With a span per decision. */
    PipelineDriver(TopologySettings settings, DecisionTracing tracing) {
        this(settings, OutputEncoder.JSON, tracing);
    }

    private PipelineDriver(TopologySettings settings, OutputEncoder encoder, DecisionTracing tracing) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "docpipe-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("docpipe-ttd").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        driver = new TopologyTestDriver(DocpipeTopology.build(settings, metrics, encoder, tracing), props,
                START);
        var in = new ByteArraySerializer();
        var out = new ByteArrayDeserializer();
        commands = driver.createInputTopic(Topics.COMMANDS, in, in);
        results = driver.createInputTopic(Topics.JOB_RESULTS, in, in);
        events = driver.createOutputTopic(Topics.EVENTS, out, out);
        scanJobs = driver.createOutputTopic(Topics.SCAN_JOBS, out, out);
        ocrJobs = driver.createOutputTopic(Topics.OCR_JOBS, out, out);
        outcomes = driver.createOutputTopic(Topics.COMMAND_OUTCOMES, out, out);
        dlq = driver.createOutputTopic(Topics.DLQ, out, out);
    }

    static Command command(UUID documentId, CommandPayload payload) {
        return new Command(UUID.randomUUID(), documentId, START, "account-1", payload);
    }

    static RegisterDocument registration() {
        return new RegisterDocument(UUID.randomUUID(),
                new FileRef("sha256:" + "a".repeat(64), "application/pdf", 1234, "report.pdf"));
    }

    void send(Command command) {
        commands.pipeInput(key(command.documentId()), ModelJson.COMMANDS.encode(command));
    }

    /** The command with record headers (e.g. a traceparent), as a producer other than this driver writes them. */
    void send(Command command, Headers headers) {
        commands.pipeInput(new TestRecord<>(key(command.documentId()), ModelJson.COMMANDS.encode(command), headers));
    }

    void sendResult(JobResult result, Headers headers) {
        results.pipeInput(new TestRecord<>(key(result.documentId()), ModelJson.RESULTS.encode(result), headers));
    }

    List<TestRecord<byte[], byte[]>> scanJobRecords() {
        return scanJobs.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> outcomeRecords() {
        return outcomes.readRecordsToList();
    }

    void sendRawCommand(String key, byte[] value) {
        commands.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    void sendResult(JobResult result) {
        results.pipeInput(key(result.documentId()), ModelJson.RESULTS.encode(result));
    }

    void sendRawResult(String key, byte[] value) {
        results.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Registers a document and reports its scan as done: the document is SCANNED. */
    UUID scannedDocument() {
        UUID documentId = UUID.randomUUID();
        send(command(documentId, registration()));
        Job scan = scanJobs().getLast();
        sendResult(new ScanSucceeded(scan.jobId(), documentId, START, report()));
        return documentId;
    }

    static ScanReport report() {
        return new ScanReport("application/pdf", 1, null, null, null, "en", true, List.of());
    }

    void advanceClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<RecordedEvent> events() {
        return events.readValuesToList().stream().map(ModelJson.EVENTS::decode).toList();
    }

    List<TestRecord<byte[], byte[]>> eventRecords() {
        return events.readRecordsToList();
    }

    List<Job> scanJobs() {
        return scanJobs.readValuesToList().stream().map(ModelJson.JOBS::decode).toList();
    }

    List<Job> ocrJobs() {
        return ocrJobs.readValuesToList().stream().map(ModelJson.JOBS::decode).toList();
    }

    List<CommandOutcome> outcomes() {
        return outcomes.readValuesToList().stream().map(ModelJson.OUTCOMES::decode).toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    /** Drops everything emitted so far, so a test asserts only on what its "when" step causes. */
    void clearOutputs() {
        events.readRecordsToList();
        scanJobs.readRecordsToList();
        ocrJobs.readRecordsToList();
        outcomes.readRecordsToList();
        dlq.readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] key(UUID documentId) {
        return documentId.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
