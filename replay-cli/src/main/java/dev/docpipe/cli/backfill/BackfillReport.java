package dev.docpipe.cli.backfill;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code docpipe backfill} did.
 *
 * @param registered documents registered in the range
 * @param eligible of those, documents whose OCR engine is older (each gets one ReprocessOcr)
 * @param skippedByMarker eligible documents skipped because an earlier run already sent them
 * @param busy documents whose OCR is running: not sent; run the backfill again later
 * @param sent commands sent by this run
 * @param outcomes with --wait: the pipeline's answers ("STATUS REASON" -> count)
 * @param newOcrJobs with --wait: OCR jobs the pipeline queued for this run's commands
 */
public record BackfillReport(
        String engineVersion,
        LocalDate from,
        LocalDate to,
        String source,
        boolean dryRun,
        long registered,
        long eligible,
        long alreadyServed,
        long notExtracted,
        long busy,
        long unreadableRows,
        UUID resumedAfter,
        long skippedByMarker,
        long sent,
        boolean complete,
        String marker,
        Map<String, Long> outcomes,
        Long newOcrJobs,
        long missingOutcomes,
        long elapsedMs) {}
