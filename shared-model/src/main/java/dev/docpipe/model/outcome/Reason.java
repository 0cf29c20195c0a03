package dev.docpipe.model.outcome;

/** Stable codes explaining an outcome; the API turns the refusals into problem {@code code}s. */
public enum Reason {
    DOCUMENT_REGISTERED,
    SCAN_QUEUED,
    OCR_QUEUED,
    REVIEW_UPDATED,
    VALIDATED,
    DOCUMENT_EXISTS,
    DOCUMENT_NOT_FOUND,
    SCAN_NOT_READY,
    ALREADY_CONFIRMED,
    SCAN_IN_PROGRESS,
    ATTEMPT_SUPERSEDED,
    UNKNOWN_ATTEMPT,
    NOT_REVIEWABLE,
    STALE_WRITE,
    EMPTY_PATCH,
    ALREADY_VALIDATED,
    OCR_IN_PROGRESS,
    OCR_NOT_FAILED,
    NOT_EXTRACTED,
    ENGINE_VERSION_CURRENT,
    // Append new constants here, at the end: the pipeline's store format writes reasons by position.
    ALREADY_RETRIED,
    /** A reprocess accepted again because the latest OCR request failed (a new try of the same backfill). */
    OCR_QUEUED_AFTER_FAILURE,
    /**
     * The pipeline could not decide the command (a bug or an unencodable output): nothing changed, the
     * command is on {@code docpipe.dlq}, and this outcome tells the caller not to wait for another.
     */
    PROCESSING_ERROR,
    /** The document is erased: {@code EraseDocument} accepted, or any other command refused. */
    DOCUMENT_ERASED
}
