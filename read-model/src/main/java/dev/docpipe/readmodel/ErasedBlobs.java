package dev.docpipe.readmodel;

import java.io.IOException;

/**
 * Deletes an erased document's blob (the blob store's {@code delete}; the read model knows refs, not stores).
 * Must succeed for a blob that is already gone: erasure is repeated after a crash.
 */
@FunctionalInterface
public interface ErasedBlobs {
    void delete(String blobRef) throws IOException;
}
