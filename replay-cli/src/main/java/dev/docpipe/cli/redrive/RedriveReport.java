package dev.docpipe.cli.redrive;

import java.util.List;
import java.util.Map;

/**
 * What {@code docpipe redrive} did or would do.
 *
 * @param ranges the offsets read, as {@code partition:from-to} (to inclusive)
 * @param unreadable records in the range the pipeline would dead-letter: not redriven
 * @param outcomes for a dry run: predicted statuses (by content); else statuses the pipeline answered
 * @param newJobs jobs the redrive caused: predicted (dry run) or found on the job topics
 * @param newEvents events caused by the redriven commands (real run only)
 * @param missingOutcomes commands whose outcome did not arrive within --wait (real run only)
 * @param jobTopicGrowth how far the job topics' end offsets moved meanwhile, for any reason (real run only;
 *     includes transaction markers and other traffic)
 */
public record RedriveReport(
        boolean dryRun,
        String topic,
        List<String> ranges,
        long records,
        long commands,
        long unreadable,
        Map<String, Long> outcomes,
        long newJobs,
        Map<String, Long> newJobsByKind,
        Long newEvents,
        long missingOutcomes,
        Long jobTopicGrowth,
        List<String> jobSamples,
        String note,
        long elapsedMs) {}
