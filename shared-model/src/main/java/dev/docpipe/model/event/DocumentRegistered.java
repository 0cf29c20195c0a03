package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.FileRef;
import java.util.UUID;

/**
 * @param ownerAccountId the id of the account that uploaded the document (the command's actor); named
 *     {@code owner} on the wire up to events' schemaVersion 1, which readers upcast
 */
public record DocumentRegistered(UUID childId, String ownerAccountId, FileRef file) implements DocumentEvent {
    public DocumentRegistered {
        Require.present(childId, "childId");
        Require.text(ownerAccountId, "ownerAccountId");
        Require.present(file, "file");
    }

    /** {@link #ownerAccountId()} under its old name, for callers not yet moved to the new one. */
    public String owner() {
        return ownerAccountId;
    }
}
