package dev.docpipe.workers.execution;

/**
 * The stable reason codes of ScanFailed/OcrFailed. They reach the app and the decision log, so they
 * are never renamed; detail texts may change freely.
 */
public enum FailureReason {
    /** The job's blob reference names no stored file. */
    BLOB_MISSING,
    /** The content is of a type no worker handles (detected from the bytes, not the file name). */
    UNSUPPORTED_TYPE,
    /** The content claims a supported type but cannot be read as one. */
    CORRUPT_FILE,
    /** Larger than the worker reads into memory, or an image with absurd pixel dimensions. */
    FILE_TOO_LARGE,
    /** A PDF that needs a password to open. */
    PASSWORD_PROTECTED,
    /** OCR was needed but the Tesseract executable is not installed. */
    OCR_ENGINE_MISSING,
    /** Tesseract is installed but not the configured language data. */
    OCR_LANGUAGE_MISSING,
    /** Tesseract ran and failed on this input. */
    OCR_ENGINE_FAILED,
    /** A reprocess asked for an engine version newer than the installed one. */
    ENGINE_VERSION_UNAVAILABLE,
    /** A bug in the worker; retryable, because a fixed worker may succeed. */
    INTERNAL_ERROR
}
