package dev.docpipe.cli.audit;

/** The invariants the audit checks, as an operator reads them in the report. */
public enum Invariant {
    LOG_WELL_FORMED("the event log is readable, keyed by document, versions 1, 2, 3, ... per document"),
    ONE_OCR_JOB("at most one OCR job per confirmation and per (document, engine version)"),
    ONE_JOB_IN_FLIGHT("at most one scan (or OCR) job in flight per document"),
    RESULTS_FENCED("every accepted result names the then-current job"),
    NOTHING_STUCK("no document pending past its lease deadline plus the margin"),
    JOBS_MATCH_EVENTS("each job on docpipe.jobs.scan/ocr is named by exactly one event, and vice versa"),
    READ_MODEL_EQUALS_FOLD("the read model equals the fold of the event log"),
    ERASURE_FINAL("nothing happens to an erased document but results discarded");

    private final String description;

    Invariant(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
