package dev.docpipe.blob;

import java.io.IOException;

/**
 * The store could not be reached or refused a request (after the client's own retries): an
 * {@link IOException}, so callers that retry transient I/O failures retry this too.
 */
public class BlobStoreException extends IOException {
    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
