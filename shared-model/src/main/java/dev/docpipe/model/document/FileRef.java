package dev.docpipe.model.document;

import dev.docpipe.model.Require;

/**
 * Where an uploaded file lives. {@code blobRef} is content-addressed ("sha256:&lt;hex&gt;");
 * {@code fileName} is the client's name, kept for display only and never used as a path.
 */
public record FileRef(String blobRef, String contentType, long sizeBytes, String fileName) {
    public FileRef {
        Require.text(blobRef, "file.blobRef");
        Require.text(contentType, "file.contentType");
        Require.notNegative(sizeBytes, "file.sizeBytes");
    }
}
