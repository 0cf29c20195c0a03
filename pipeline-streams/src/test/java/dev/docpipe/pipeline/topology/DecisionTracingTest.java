package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.header;
import static dev.docpipe.pipeline.topology.PipelineDriver.registration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.pipeline.tracing.DecisionSpan;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decider's spans (Kafka Streams has none of its own): one "decide X" span per input, a child of the
 * input's {@code traceparent} header, and that span's context on every record the decision emits.
 */
class DecisionTracingTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final List<PipelineDriver> drivers = new ArrayList<>();

    @AfterEach
    void close() {
        drivers.forEach(PipelineDriver::close);
        sdk.close();
    }

    private PipelineDriver pipeline(DecisionTracing tracing) {
        PipelineDriver driver = new PipelineDriver(TopologySettings.DEFAULT, tracing);
        drivers.add(driver);
        return driver;
    }

    @Test
    void aCommandIsDecidedInAChildSpanOfItsTraceparentWhoseContextEveryOutputCarries() {
        PipelineDriver pipeline = pipeline(new DecisionTracing(sdk));
        String traceId = hex(16);
        String httpSpanId = hex(8);
        UUID documentId = UUID.randomUUID();
        var register = command(documentId, registration());

        pipeline.send(register, traceparent(traceId, httpSpanId));

        SpanData decision = onlySpan("decide RegisterDocument");
        assertThat(decision.getTraceId()).isEqualTo(traceId);
        assertThat(decision.getParentSpanId()).isEqualTo(httpSpanId);
        assertThat(decision.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(decision.getAttributes().get(DecisionSpan.DOCUMENT_ID)).isEqualTo(documentId.toString());
        assertThat(decision.getAttributes().get(DecisionSpan.COMMAND_ID)).isEqualTo(register.commandId().toString());
        assertThat(decision.getAttributes().get(DecisionSpan.OUTCOME_STATUS)).isEqualTo("ACCEPTED");
        assertThat(decision.getAttributes().get(DecisionSpan.OUTCOME_REASON)).isEqualTo("DOCUMENT_REGISTERED");
        assertThat(decision.getAttributes().get(DecisionSpan.EVENTS)).isEqualTo("DocumentRegistered,ScanRequested");

        String decisionContext = traceparentOf(decision);
        assertThat(decisionContext).startsWith("00-" + traceId + "-" + decision.getSpanId() + "-");
        List<TestRecord<byte[], byte[]>> outputs = new ArrayList<>(pipeline.eventRecords());
        outputs.addAll(pipeline.scanJobRecords());
        outputs.addAll(pipeline.outcomeRecords());
        assertThat(outputs).hasSize(4).allSatisfy(output ->
                assertThat(header(output, "traceparent")).isEqualTo(decisionContext));
    }

    @Test
    void aResultIsDecidedInAChildSpanOfTheWorkersSpanAndARefusalCarriesItsReason() {
        PipelineDriver pipeline = pipeline(new DecisionTracing(sdk));
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()));
        Job scan = ModelJson.JOBS.decode(pipeline.scanJobRecords().getLast().value());
        String traceId = hex(16);
        String workerSpanId = hex(8);

        pipeline.sendResult(new ScanSucceeded(scan.jobId(), documentId, PipelineDriver.START, PipelineDriver.report()),
                traceparent(traceId, workerSpanId));

        SpanData decision = onlySpan("decide ScanSucceeded");
        assertThat(decision.getTraceId()).isEqualTo(traceId);
        assertThat(decision.getParentSpanId()).isEqualTo(workerSpanId);
        assertThat(decision.getAttributes().get(DecisionSpan.JOB_ID)).isEqualTo(scan.jobId().toString());
        assertThat(decision.getAttributes().get(DecisionSpan.EVENTS)).isEqualTo("DocumentScanned");

        var confirm = command(documentId, new ConfirmScan());
        pipeline.send(confirm);
        pipeline.send(confirm);
        assertThat(spansNamed("decide ConfirmScan")).extracting(s -> s.getAttributes().get(DecisionSpan.OUTCOME_STATUS))
                .containsExactly("ACCEPTED", "DUPLICATE");
    }

    @Test
    void anExpiredLeaseIsATraceOfItsOwnThatTheReissuedJobCarries() {
        PipelineDriver pipeline = pipeline(new DecisionTracing(sdk));
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()), traceparent(hex(16), hex(8)));
        pipeline.clearOutputs();

        pipeline.advanceClock(TopologySettings.DEFAULT.leases().scanLease().plusSeconds(5));

        SpanData expiry = onlySpan("expire lease");
        assertThat(expiry.getParentSpanContext().isValid()).isFalse();
        assertThat(expiry.getAttributes().get(DecisionSpan.DOCUMENT_ID)).isEqualTo(documentId.toString());
        assertThat(expiry.getAttributes().get(DecisionSpan.EVENTS)).contains("JobLeaseExpired");
        assertThat(pipeline.scanJobRecords()).singleElement()
                .satisfies(job -> assertThat(header(job, "traceparent")).isEqualTo(traceparentOf(expiry)));
    }

    @Test
    void withoutAnInputTraceparentADecisionStartsATraceOfItsOwn() {
        PipelineDriver pipeline = pipeline(new DecisionTracing(sdk));

        pipeline.send(command(UUID.randomUUID(), registration()));

        SpanData decision = onlySpan("decide RegisterDocument");
        assertThat(decision.getParentSpanContext().isValid()).isFalse();
        assertThat(pipeline.outcomeRecords()).singleElement().satisfies(outcome -> assertThat(
                header(outcome, "traceparent")).isEqualTo(traceparentOf(decision)));
    }

    @Test
    void withoutTracingTheInputsTraceContextStillReachesEveryOutput() {
        PipelineDriver pipeline = pipeline(DecisionTracing.NONE);
        String traceparent = "00-" + hex(16) + "-" + hex(8) + "-01";
        Headers headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));

        pipeline.send(command(UUID.randomUUID(), registration()), headers);

        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThat(pipeline.outcomeRecords()).singleElement()
                .satisfies(outcome -> assertThat(header(outcome, "traceparent")).isEqualTo(traceparent));
        assertThat(pipeline.scanJobRecords()).singleElement()
                .satisfies(job -> assertThat(header(job, "traceparent")).isEqualTo(traceparent));
    }

    private SpanData onlySpan(String name) {
        List<SpanData> named = spansNamed(name);
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.getFirst();
    }

    private List<SpanData> spansNamed(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** The span's W3C traceparent; the SDK may set more flags than "sampled" (W3C level 2's random trace id). */
    private static String traceparentOf(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private static Headers traceparent(String traceId, String spanId) {
        Headers headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C calls invalid
        return HexFormat.of().formatHex(random);
    }
}
