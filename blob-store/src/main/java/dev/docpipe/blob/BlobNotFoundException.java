package dev.docpipe.blob;

import java.io.FileNotFoundException;

public class BlobNotFoundException extends FileNotFoundException {
    public BlobNotFoundException(BlobRef ref) {
        super("no blob " + ref);
    }
}
