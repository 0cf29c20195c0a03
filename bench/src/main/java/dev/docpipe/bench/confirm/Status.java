package dev.docpipe.bench.confirm;

/** What a client got back, in the HTTP terms of docs/design.md's confirm-scan endpoint. */
public enum Status {
    /** 202: this request queued the OCR job (or is a replay of the request that did). */
    QUEUED_202,
    /** 200: already confirmed, nothing new done. */
    ALREADY_200,
    /** 409 because of contention: the lock could not be had in time. */
    CONTENTION_409,
    /** 409 for a reason in the document (e.g. SCAN_NOT_READY): must not happen in this workload. */
    REFUSED_409,
    /** 5xx / connection reset: the request died (injected crash) or failed. */
    ERROR_5XX,
    /** No answer within the reply timeout. */
    TIMEOUT
}
