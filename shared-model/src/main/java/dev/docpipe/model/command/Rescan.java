package dev.docpipe.model.command;

import dev.docpipe.model.Require;

/**
 * Scan again. Names the attempt it replaces, so a retried or redriven rescan of an attempt that was
 * already replaced does nothing.
 */
public record Rescan(int supersedesAttempt) implements CommandPayload {
    public Rescan {
        Require.positive(supersedesAttempt, "supersedesAttempt");
    }
}
