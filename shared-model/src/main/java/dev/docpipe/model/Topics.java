package dev.docpipe.model;

import java.util.List;

/** The topic names of the design (docs/design.md, "Topics"). Every record is keyed by document id. */
public final class Topics {
    public static final String COMMANDS = "docpipe.commands";
    public static final String JOB_RESULTS = "docpipe.job-results";
    public static final String EVENTS = "docpipe.events";
    public static final String SCAN_JOBS = "docpipe.jobs.scan";
    public static final String OCR_JOBS = "docpipe.jobs.ocr";
    public static final String COMMAND_OUTCOMES = "docpipe.command-outcomes";
    public static final String DLQ = "docpipe.dlq";

    public static final List<String> ALL =
            List.of(COMMANDS, JOB_RESULTS, EVENTS, SCAN_JOBS, OCR_JOBS, COMMAND_OUTCOMES, DLQ);

    private Topics() {}
}
