package dev.docpipe.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code docpipe.api.*}.
 *
 * @param outcomeWait how long a command request waits for its outcome before answering 202
 * @param maxUploadSize largest accepted upload (413 above)
 * @param maxJsonBody largest JSON request body (413 above)
 * @param idempotencyRetention how long an Idempotency-Key is remembered (at least 24 h)
 * @param maxPageSize largest page of the document list
 * @param sendTimeout how long a command request waits for the broker to confirm its command before
 *     answering 503 KAFKA_UNAVAILABLE (the producer's own timeouts should end it sooner)
 * @param retryAfter the Retry-After of a 503 (a dependency is down): how soon a client should try again
 * @param healthProbeInterval how often the database and Kafka health probes run in the background
 * @param healthProbeTimeout how long a probe may take before its dependency counts as DOWN
 */
@ConfigurationProperties("docpipe.api")
public record ApiProperties(
        @DefaultValue("3s") Duration outcomeWait,
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("256KB") DataSize maxJsonBody,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("2s") Duration sendTimeout,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue("1s") Duration healthProbeInterval,
        @DefaultValue("1s") Duration healthProbeTimeout) {
    public ApiProperties {
        if (outcomeWait.isNegative()) {
            throw new IllegalArgumentException("docpipe.api.outcome-wait must not be negative");
        }
        if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("docpipe.api.idempotency-retention must be at least 24h (the API docs promise it)");
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("docpipe.api.max-page-size must be >= 1");
        }
        requirePositive(sendTimeout, "send-timeout");
        requirePositive(healthProbeInterval, "health-probe-interval");
        requirePositive(healthProbeTimeout, "health-probe-timeout");
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("docpipe.api.retry-after must be at least 1s (Retry-After counts seconds)");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("docpipe.api." + name + " must be positive");
        }
    }
}
