package dev.docpipe.api.ops;

import java.time.Instant;
import java.util.Map;

/**
 * One sample of the live view.
 *
 * @param commandsPerSecond commands the pipeline decided, per second since the previous sample
 * @param duplicatesPerSecond of those, ALREADY_DONE and DUPLICATE (a job not started twice)
 * @param jobsPerSecond scan and OCR jobs emitted
 * @param consumerLag records the pipeline has still to decide (null when the broker did not say)
 * @param dlqRecords records in docpipe.dlq (the gauge's last value)
 * @param stuckDocuments documents pending longer than docpipe.ops.stuck-after, by state (the gauge's last values)
 */
public record LiveSample(
        Instant time,
        double commandsPerSecond,
        double duplicatesPerSecond,
        double jobsPerSecond,
        long commands,
        long duplicates,
        long jobs,
        Long consumerLag,
        long dlqRecords,
        Map<String, Long> stuckDocuments) {}
