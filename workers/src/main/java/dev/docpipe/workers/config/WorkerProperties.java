package dev.docpipe.workers.config;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.worker.*}: how jobs are consumed and executed.
 *
 * @param instanceId unique per running process: it is part of the Kafka transactional id, and two
 *     live processes with the same transactional id fence each other. A stable id (pod name) lets
 *     a restarted process abort its predecessor's open transaction at once; the random default
 *     leaves that to the broker's transaction timeout.
 * @param maxFileBytes files larger than this are refused (FILE_TOO_LARGE) instead of being read
 *     into memory
 * @param dedupHorizon how far back the completed-jobs index reads docpipe.job-results; must exceed
 *     the longest job lease, because a job older than its lease is skipped as expired anyway
 * @param catchUpTimeout how long a job may wait for the completed-jobs index to catch up before
 *     the record is rolled back and retried (better late than executed twice)
 * @param shutdownGrace how long a stopping worker lets its current job finish; after that the job
 *     is cancelled and its offset is not committed, so another worker gets it
 */
@ConfigurationProperties("docpipe.worker")
public record WorkerProperties(
        @DefaultValue Listener scan,
        @DefaultValue Listener ocr,
        @DefaultValue Retry retry,
        String instanceId,
        @DefaultValue("104857600") long maxFileBytes,
        @DefaultValue("1h") Duration dedupHorizon,
        @DefaultValue("30s") Duration catchUpTimeout,
        @DefaultValue("30s") Duration shutdownGrace) {

    public WorkerProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = UUID.randomUUID().toString();
        }
    }

    /**
     * @param concurrency consumers (threads) for this kind; more than the topic's partition count is idle
     * @param groupId the consumer group (read by the listener annotations; defaults
     *     docpipe-scan-worker and docpipe-ocr-worker)
     */
    public record Listener(@DefaultValue("true") boolean enabled, @DefaultValue("1") int concurrency, String groupId) {}

    /** Backoff for transient I/O failures; retries go on until the job's deadline. */
    public record Retry(
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxInterval) {}
}
