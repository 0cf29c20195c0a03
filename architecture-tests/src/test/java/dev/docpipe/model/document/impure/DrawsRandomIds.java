package dev.docpipe.model.document.impure;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A deliberate violation for {@code RulesCatchViolationsTest}: never imported by the real rules. */
public final class DrawsRandomIds {

    public UUID jobId() {
        return UUID.randomUUID();
    }

    public int attemptJitter() {
        return ThreadLocalRandom.current().nextInt(10);
    }
}
