package dev.docpipe.model.document.impure;

import java.time.Instant;

/** A deliberate violation for {@code RulesCatchViolationsTest}: never imported by the real rules. */
public final class ReadsTheClock {

    public Instant deadline() {
        return Instant.now().plusMillis(System.currentTimeMillis() % 10);
    }
}
