package dev.docpipe.cli.audit;

/** Every kind of violation the audit reports, with the invariant it breaks. */
public enum ViolationType {
    UNREADABLE_EVENT(Invariant.LOG_WELL_FORMED),
    EVENT_KEY_MISMATCH(Invariant.LOG_WELL_FORMED),
    DUPLICATE_EVENT(Invariant.LOG_WELL_FORMED),
    VERSION_GAP(Invariant.LOG_WELL_FORMED),
    INVALID_EVENT(Invariant.LOG_WELL_FORMED),

    DUPLICATE_CONFIRMATION(Invariant.ONE_OCR_JOB),
    DUPLICATE_OCR_JOB(Invariant.ONE_OCR_JOB),

    JOB_IN_FLIGHT(Invariant.ONE_JOB_IN_FLIGHT),
    REISSUE_WITHOUT_EXPIRY(Invariant.ONE_JOB_IN_FLIGHT),

    RESULT_NOT_CURRENT_JOB(Invariant.RESULTS_FENCED),
    CURRENT_RESULT_IGNORED(Invariant.RESULTS_FENCED),
    EXPIRY_NOT_CURRENT_JOB(Invariant.RESULTS_FENCED),

    STUCK_PENDING(Invariant.NOTHING_STUCK),

    JOB_NAMED_TWICE(Invariant.JOBS_MATCH_EVENTS),
    JOB_MISMATCH(Invariant.JOBS_MATCH_EVENTS),
    JOB_WITHOUT_EVENT(Invariant.JOBS_MATCH_EVENTS),
    JOB_DISPATCHED_TWICE(Invariant.JOBS_MATCH_EVENTS),
    JOB_MISSING(Invariant.JOBS_MATCH_EVENTS),
    JOB_RECORD_MISMATCH(Invariant.JOBS_MATCH_EVENTS),
    UNREADABLE_JOB(Invariant.JOBS_MATCH_EVENTS),

    READ_MODEL_MISSING_ROW(Invariant.READ_MODEL_EQUALS_FOLD),
    READ_MODEL_EXTRA_ROW(Invariant.READ_MODEL_EQUALS_FOLD),
    READ_MODEL_MISMATCH(Invariant.READ_MODEL_EQUALS_FOLD),
    READ_MODEL_BEHIND(Invariant.READ_MODEL_EQUALS_FOLD),

    EVENT_AFTER_ERASURE(Invariant.ERASURE_FINAL),
    DISCARDED_RESULT_NOT_ERASED(Invariant.ERASURE_FINAL);

    private final Invariant invariant;

    ViolationType(Invariant invariant) {
        this.invariant = invariant;
    }

    public Invariant invariant() {
        return invariant;
    }
}
