package dev.docpipe.model.job;

import dev.docpipe.model.Topics;

public enum JobKind {
    SCAN(Topics.SCAN_JOBS),
    OCR(Topics.OCR_JOBS);

    private final String topic;

    JobKind(String topic) {
        this.topic = topic;
    }

    /** The topic this kind of job is dispatched on. */
    public String topic() {
        return topic;
    }
}
