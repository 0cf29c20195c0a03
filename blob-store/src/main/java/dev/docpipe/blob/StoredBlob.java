package dev.docpipe.blob;

/** @param sizeBytes the blob's length in bytes */
public record StoredBlob(BlobRef ref, long sizeBytes) {}
