package dev.docpipe.model.document;

import dev.docpipe.model.PersonalData;
import dev.docpipe.model.Require;

/**
 * Where an uploaded file lives. {@code blobRef} is content-addressed ("sha256:&lt;hex&gt;");
 * {@code fileName} is the client's name, kept for display only and never used as a path: a personal field,
 * sealed ({@link PersonalData}) before it reaches a topic, null once the document is erased.
 */
public record FileRef(String blobRef, String contentType, long sizeBytes, String fileName) {
    public FileRef {
        Require.text(blobRef, "file.blobRef");
        Require.text(contentType, "file.contentType");
        Require.notNegative(sizeBytes, "file.sizeBytes");
    }

    /** Without the file name, sealed or not, so that no log line can hold it. */
    @Override
    public String toString() {
        return "FileRef[blobRef=" + blobRef + ", contentType=" + contentType + ", sizeBytes=" + sizeBytes
                + ", fileName=" + PersonalData.redact(fileName) + "]";
    }
}
