package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.FileRef;
import java.util.UUID;

/** @param owner the account that uploaded the document */
public record DocumentRegistered(UUID childId, String owner, FileRef file) implements DocumentEvent {
    public DocumentRegistered {
        Require.present(childId, "childId");
        Require.text(owner, "owner");
        Require.present(file, "file");
    }
}
