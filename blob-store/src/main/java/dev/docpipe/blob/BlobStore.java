package dev.docpipe.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Immutable, content-addressed storage: a blob's reference is {@code sha256:<hex>} of its bytes, so
 * storing the same bytes twice yields one blob, and a reference can never name a path the client
 * chose.
 */
public interface BlobStore {

    /** Stores the stream's bytes, reading at most {@code maxBytes} (more is a {@link BlobTooLargeException}). */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /** @throws BlobNotFoundException if no blob has this reference */
    InputStream open(BlobRef ref) throws IOException;

    boolean exists(BlobRef ref);

    /**
     * Removes the blob's bytes; a blob that is not there (never stored, or already deleted) is not an
     * error, so erasure can be repeated after a crash. Blobs are shared by every reference to the same
     * bytes: whoever deletes decides that no other document still needs them, and orders the delete
     * after any put of the same bytes (a put finds them present and sends nothing).
     */
    void delete(BlobRef ref) throws IOException;

    default StoredBlob putText(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return put(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    default byte[] read(BlobRef ref) throws IOException {
        try (InputStream in = open(ref)) {
            return in.readAllBytes();
        }
    }

    default String readText(BlobRef ref) throws IOException {
        return new String(read(ref), StandardCharsets.UTF_8);
    }
}
