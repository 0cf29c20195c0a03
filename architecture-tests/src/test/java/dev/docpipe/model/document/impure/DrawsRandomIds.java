package dev.docpipe.model.document.impure;

import java.util.UUID;

/** A deliberate violation for {@code RulesCatchViolationsTest}: never imported by the real rules. */
public final class DrawsRandomIds {

    public UUID jobId() {
        return UUID.randomUUID();
    }
}
