package dev.docpipe.api.ops;

import dev.docpipe.model.document.DocumentState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Two gauges an on-call person alerts on, recomputed in the background every {@code docpipe.ops.gauge-refresh}
 * (a scrape only reads the last values, so a slow database or broker never slows a scrape):
 * <ul>
 *   <li>{@code docpipe.documents.stuck} (by {@code state}): documents of the read model in SCAN_PENDING or
 *       OCR_PENDING whose last event is older than {@code docpipe.ops.stuck-after}. The pipeline's lease re-issues a
 *       job whose deadline passed (an event, so the clock restarts), and fails the document after the last issue; a
 *       document counted here is one whose job neither finished nor expired: the pipeline's lease timer, the workers
 *       or the projector are not doing their part.</li>
 *   <li>{@code docpipe.dlq.records}: records in docpipe.dlq ({@link PipelineOffsets#dlqRecords()}).</li>
 * </ul>
 * A refresh that fails leaves the last value and logs why.
 */
@Component
public class PipelineGauges implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(PipelineGauges.class);

    private final StuckDocuments stuckDocuments;
    private final PipelineOffsets offsets;
    private final OpsProperties properties;
    private final Clock clock;
    private final Map<DocumentState, AtomicLong> stuck = new EnumMap<>(DocumentState.class);
    private final AtomicLong dlqRecords = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("docpipe-ops-gauges").daemon().factory());

    public PipelineGauges(StuckDocuments stuckDocuments, PipelineOffsets offsets, OpsProperties properties,
            MeterRegistry metrics) {
        this.stuckDocuments = stuckDocuments;
        this.offsets = offsets;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        for (DocumentState state : StuckDocuments.PENDING) {
            AtomicLong value = new AtomicLong();
            stuck.put(state, value);
            Gauge.builder("docpipe.documents.stuck", value, AtomicLong::get).tag("state", state.name())
                    .description("documents in a pending state longer than docpipe.ops.stuck-after (read model)")
                    .register(metrics);
        }
        Gauge.builder("docpipe.dlq.records", dlqRecords, AtomicLong::get)
                .description("records in docpipe.dlq (end minus start offsets)").register(metrics);
        long every = properties.gaugeRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    /** The DLQ's size as last measured. */
    public long dlqRecords() {
        return dlqRecords.get();
    }

    /** Stuck documents by state as last measured. */
    public Map<String, Long> stuckDocuments() {
        Map<String, Long> values = new LinkedHashMap<>();
        stuck.forEach((state, value) -> values.put(state.name(), value.get()));
        return values;
    }

    void refresh() {
        try {
            stuckDocuments.pendingSince(clock.instant().minus(properties.stuckAfter()))
                    .forEach((state, n) -> stuck.get(state).set(n));
        } catch (RuntimeException e) {
            log.warn("counting stuck documents failed (the gauge keeps its last value): {}", e.toString());
        }
        try {
            dlqRecords.set(offsets.dlqRecords());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            log.warn("measuring docpipe.dlq failed (the gauge keeps its last value): {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
