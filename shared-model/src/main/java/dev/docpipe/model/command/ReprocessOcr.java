package dev.docpipe.model.command;

import dev.docpipe.model.Require;

/**
 * Re-run OCR with a newer engine (a backfill). Names the engine version, so running the same
 * backfill twice, or from two terminals at once, requests one OCR job per document.
 */
public record ReprocessOcr(String engineVersion) implements CommandPayload {
    public ReprocessOcr {
        Require.text(engineVersion, "engineVersion");
    }
}
