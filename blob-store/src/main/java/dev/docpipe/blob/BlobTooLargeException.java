package dev.docpipe.blob;

import java.io.IOException;

public class BlobTooLargeException extends IOException {
    private final long maxBytes;

    public BlobTooLargeException(long maxBytes) {
        super("content exceeds " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
