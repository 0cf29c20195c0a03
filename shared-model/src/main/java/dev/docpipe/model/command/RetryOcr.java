package dev.docpipe.model.command;

import dev.docpipe.model.Require;

/**
 * Try OCR again after it failed. Names the failed attempt it retries, so a resent or redriven retry
 * of an attempt that was already retried does nothing, however long after its command id was forgotten.
 */
public record RetryOcr(int failedAttempt) implements CommandPayload {
    public RetryOcr {
        Require.positive(failedAttempt, "failedAttempt");
    }
}
