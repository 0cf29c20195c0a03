package dev.docpipe.model.history;

/**
 * What a reader of {@code docpipe.events} does with an event whose version is further ahead than the next one
 * (an earlier event is missing: dead-lettered, not yet delivered, or lost). Every reader names its policy; there
 * is no default, because the right answer depends on what the reader's result is for.
 */
public enum GapPolicy {
    /**
     * Not applied: the reader waits for the missing event. The state stays a prefix of the log, so it never
     * shows a state the pipeline never had (the read model).
     */
    HOLD,
    /**
     * Applied over the gap, keeping the event's own version, so one missing event is reported once and the rest
     * of the history is still folded and checked (the audit).
     */
    FOLD_OVER
}
