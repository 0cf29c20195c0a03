package dev.docpipe.pipeline.app;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the pipeline with the application context and closes it on shutdown (SIGTERM included):
 * Kafka Streams then commits its open transactions and leaves the group instead of waiting for the
 * session timeout.
 */
@Component
class PipelineLifecycle implements SmartLifecycle, HealthIndicator {
    private final PipelineProperties properties;
    private final KafkaSecurity security;
    private final MeterRegistry registry;
    private final DecisionTracing tracing;
    private volatile DocpipePipeline pipeline;
    private KafkaStreamsMetrics streamsMetrics;

    /** @param openTelemetry Spring Boot's SDK (sampling and OTLP export from management.*), when present */
    PipelineLifecycle(PipelineProperties properties, KafkaSecurity security, MeterRegistry registry,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        this.properties = properties;
        this.security = security;
        this.registry = registry;
        this.tracing = openTelemetry.stream().findFirst().map(DecisionTracing::new).orElse(DecisionTracing.NONE);
    }

    @Override
    public void start() {
        pipeline = DocpipePipeline.start(properties.toConfig(security), new PipelineMetrics(registry), tracing);
        streamsMetrics = new KafkaStreamsMetrics(pipeline.streams());
        streamsMetrics.bindTo(registry);
    }

    @Override
    public void stop() {
        DocpipePipeline running = pipeline;
        pipeline = null;
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return pipeline != null;
    }

    @Override
    public Health health() {
        DocpipePipeline running = pipeline;
        if (running == null) {
            return Health.down().withDetail("state", "STOPPED").build();
        }
        var state = running.streams().state();
        return (running.isRunning() ? Health.up() : Health.down()).withDetail("state", state.name()).build();
    }
}
