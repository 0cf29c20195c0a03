package dev.docpipe.api.support;

import dev.docpipe.pipeline.tracing.DecisionTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every span this test JVM finishes, in one OpenTelemetry in-memory exporter: the API's (the Spring contexts
 * get {@link Config}), the in-process pipeline's ({@link #decisionTracing()}) and in-process workers'. Kept only
 * while a test {@link #record()}s, so the other integration tests do not fill the heap with spans.
 */
public final class TestSpans {
    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    private static volatile boolean recording;

    private static final SpanProcessor PROCESSOR = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            if (recording && span.getSpanContext().isSampled()) {
                EXPORTER.export(List.of(span.toSpanData()));
            }
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess(); // shared by every context of the JVM: never shut down by one
        }
    };

    private static final OpenTelemetry PIPELINE = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().toBuilder().put("service.name", "docpipe-pipeline-streams").build())
                    .addSpanProcessor(PROCESSOR)
                    .build())
            .build();

    private TestSpans() {}

    /** Forgets what was recorded and records from now on. */
    public static void record() {
        EXPORTER.reset();
        recording = true;
    }

    public static void stop() {
        recording = false;
        EXPORTER.reset();
    }

    public static List<SpanData> finished() {
        return EXPORTER.getFinishedSpanItems();
    }

    /** The spans of the pipeline that {@link TestStack} runs in-process. */
    static DecisionTracing decisionTracing() {
        return new DecisionTracing(PIPELINE);
    }

    /** For a Spring Boot context: its SDK (Boot's) sends its spans here too. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        SpanProcessor testSpans() {
            return PROCESSOR;
        }
    }
}
