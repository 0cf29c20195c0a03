package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.UUID;

public record TextExtracted(
        UUID jobId, int attempt, String textRef, long textLength, String engine, String engineVersion)
        implements DocumentEvent {
    public TextExtracted {
        Require.present(jobId, "jobId");
        Require.text(textRef, "textRef");
        Require.text(engineVersion, "engineVersion");
    }
}
