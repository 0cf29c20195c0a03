package dev.docpipe.api.waiting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.api.waiting.*}: long-polls ({@code Prefer: wait=N}) and change streams.
 *
 * @param maxWait the longest wait a request gets, whatever it asks for (proxies and phones drop idle requests)
 * @param heartbeat how often an idle change stream sends a comment line, so proxies keep it open
 * @param streamMaxAge when a change stream is closed; the client reconnects with Last-Event-ID and misses nothing
 */
@ConfigurationProperties("docpipe.api.waiting")
public record WaitProperties(
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamMaxAge) {
    public WaitProperties {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("docpipe.api.waiting.max-wait must not be negative");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("docpipe.api.waiting.heartbeat must be positive");
        }
        if (streamMaxAge.isNegative() || streamMaxAge.isZero()) {
            throw new IllegalArgumentException("docpipe.api.waiting.stream-max-age must be positive");
        }
    }
}
