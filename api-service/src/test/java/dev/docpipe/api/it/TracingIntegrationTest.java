package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.InProcessWorkers;
import dev.docpipe.api.support.TestSpans;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.api.support.TextPdf;
import dev.docpipe.api.tracing.TraceIdHeader;
import dev.docpipe.pipeline.tracing.DecisionSpan;
import dev.docpipe.workers.execution.JobRecordHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 19, tracing end to end: one confirm-scan is one trace, from the HTTP request through the command's
 * traceparent header, the pipeline's decision, the real OCR worker and the decision on its result, to the
 * read model's projection. Real broker, PostgreSQL, pipeline and workers in this JVM; spans from the
 * OpenTelemetry in-memory exporter ({@link TestSpans}).
 */
class TracingIntegrationTest extends ApiIntegrationTest {
    private static InProcessWorkers realWorkers;
    private final ListAppender<ILoggingEvent> workerLog = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the MDC of the logging thread, not of the reading one
            super.append(event);
        }
    };
    private final Logger jobLogger = (Logger) LoggerFactory.getLogger(JobRecordHandler.class);

    @BeforeAll
    static void startRealWorkers() {
        realWorkers = InProcessWorkers.start(TestStack.get());
    }

    @AfterAll
    static void stopRealWorkers() {
        if (realWorkers != null) {
            realWorkers.close();
        }
    }

    @BeforeEach
    void captureWorkerLog() {
        workerLog.start();
        jobLogger.addAppender(workerLog);
        jobLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopRecording() {
        TestSpans.stop();
        jobLogger.detachAppender(workerLog);
        jobLogger.setLevel(null);
    }

    @Test
    void oneConfirmScanIsOneTraceFromTheRequestThroughTheDecisionAndTheOcrToTheProjection() {
        HttpApi.Response uploaded = api.uploadFile(childId, "homework.pdf",
                TextPdf.of("Homework for Monday: read chapter three, " + UUID.randomUUID()));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
        UUID documentId = UUID.fromString(uploaded.json().path("documentId").asString());
        awaitState(documentId, "SCANNED"); // by the real scan worker
        TestSpans.record();

        HttpApi.Response confirmed = api.post(docPath(documentId) + "/confirm-scan", null);

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(202);
        String traceId = confirmed.header(TraceIdHeader.NAME).orElseThrow();
        awaitState(documentId, "EXTRACTED"); // by the real OCR worker
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(names(spansOf(traceId))).contains("project TextExtracted"));

        List<SpanData> trace = spansOf(traceId);
        SpanData http = only(trace, s -> s.getKind() == SpanKind.SERVER);
        SpanData decision = only(trace, s -> s.getName().equals("decide ConfirmScan"));
        SpanData ocr = only(trace, s -> s.getName().equals("execute OCR job"));
        SpanData result = only(trace, s -> s.getName().equals("decide OcrSucceeded"));
        SpanData projection = only(trace, s -> s.getName().equals("project TextExtracted"));

        assertThat(http.getName()).contains("post").contains("confirm-scan");
        assertThat(http.getParentSpanContext().isValid()).as("the request starts the trace").isFalse();
        // request → decision (the command's traceparent) → OCR job → decision on its result → projection
        assertThat(decision.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(decision.getAttributes().get(DecisionSpan.DOCUMENT_ID)).isEqualTo(documentId.toString());
        assertThat(decision.getAttributes().get(DecisionSpan.OUTCOME_STATUS)).isEqualTo("ACCEPTED");
        assertThat(decision.getAttributes().get(DecisionSpan.OUTCOME_REASON)).isEqualTo("OCR_QUEUED");
        assertThat(ocr.getParentSpanId()).isEqualTo(decision.getSpanId());
        assertThat(result.getParentSpanId()).isEqualTo(ocr.getSpanId());
        assertThat(projection.getParentSpanId()).isEqualTo(result.getSpanId());
        assertThat(List.of(http, decision, ocr, result, projection)).extracting(SpanData::getStartEpochNanos)
                .isSorted();
        // the events of the decision itself are projected in the same trace too
        assertThat(trace).filteredOn(s -> s.getName().equals("project ScanConfirmed")).singleElement()
                .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(decision.getSpanId()));
        // the worker's log lines name the trace and span they belong to (MDC, in the log pattern)
        assertThat(workerLog.list).filteredOn(e -> e.getFormattedMessage().contains("done: OcrSucceeded"))
                .singleElement().satisfies(line -> {
                    assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId);
                    assertThat(line.getMDCPropertyMap()).containsEntry("spanId", ocr.getSpanId());
                });
        // and nothing of this confirm went to another trace
        assertThat(TestSpans.finished()).filteredOn(s -> s.getName().equals("execute OCR job")
                        || s.getName().equals("decide ConfirmScan"))
                .extracting(SpanData::getTraceId).containsOnly(traceId);
    }

    private static List<SpanData> spansOf(String traceId) {
        return TestSpans.finished().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }

    private static SpanData only(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).as("in " + names(spans)).hasSize(1);
        return found.getFirst();
    }
}
