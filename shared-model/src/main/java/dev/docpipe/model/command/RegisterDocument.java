package dev.docpipe.model.command;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.FileRef;
import java.util.UUID;

/** A new upload of {@code file} for child {@code childId}; the actor becomes the owner. */
public record RegisterDocument(UUID childId, FileRef file) implements CommandPayload {
    public RegisterDocument {
        Require.present(childId, "childId");
        Require.present(file, "file");
    }
}
