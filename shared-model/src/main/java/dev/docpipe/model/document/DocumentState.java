package dev.docpipe.model.document;

/** The states of docs/design.md. {@code Rescan} leads from SCANNED or SCAN_FAILED back to SCAN_PENDING. */
public enum DocumentState {
    SCAN_PENDING,
    SCANNED,
    SCAN_FAILED,
    OCR_PENDING,
    EXTRACTED,
    OCR_FAILED,
    VALIDATED,
    // Append new states here, at the end: the pipeline's store format writes states by position.
    /** Terminal, reachable from every state: only ids, states and times remain. */
    ERASED;

    /** The user confirmed the scan: OCR was requested at least once. */
    public boolean isConfirmed() {
        return this == OCR_PENDING || this == EXTRACTED || this == OCR_FAILED || this == VALIDATED;
    }
}
