package dev.docpipe.api.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.ops.*}: the operator console and the pipeline gauges.
 *
 * @param traceUrl where a trace is shown, with {@code {traceId}} in place of the trace id (e.g. a Grafana Tempo or
 *     Jaeger URL); empty: the console shows trace ids without a link
 * @param stuckAfter a document in SCAN_PENDING or OCR_PENDING for longer than this counts as stuck
 * @param gaugeRefresh how often the gauges (stuck documents, DLQ records) are recomputed in the background
 * @param pipelineGroup the pipeline's consumer group (its Kafka Streams application id), for the consumer lag
 * @param historyMaxRecords at most this many records are read back from the end of each partition for a timeline
 * @param readTimeout how long a topic read may stall before the console answers 503
 * @param dlqLimit how many of the newest dead letters the DLQ page shows
 * @param liveInterval how often the live view sends a sample
 */
@ConfigurationProperties("docpipe.ops")
public record OpsProperties(
        @DefaultValue("") String traceUrl,
        @DefaultValue("15m") Duration stuckAfter,
        @DefaultValue("15s") Duration gaugeRefresh,
        @DefaultValue("docpipe-pipeline") String pipelineGroup,
        @DefaultValue("200000") long historyMaxRecords,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("100") int dlqLimit,
        @DefaultValue("1s") Duration liveInterval) {

    /** The link to a trace, or null without a template or a trace id. */
    public String traceLink(String traceId) {
        if (traceId == null || traceUrl == null || traceUrl.isBlank()) {
            return null;
        }
        return traceUrl.strip().replace("{traceId}", traceId);
    }
}
