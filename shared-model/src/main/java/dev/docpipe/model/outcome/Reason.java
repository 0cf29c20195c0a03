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
    ALREADY_RETRIED,
    NOT_EXTRACTED,
    ENGINE_VERSION_CURRENT,
    /** The pipeline could not decide the command (it went to the DLQ); nothing changed. */
    PROCESSING_ERROR
}
