package dev.docpipe.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Copies a stream into a file while hashing it, so that a store learns a blob's reference without
 * holding its bytes in memory; refuses more than the limit as soon as it is passed.
 */
final class HashingSpool {
    private static final int BUFFER = 64 * 1024;

    private HashingSpool() {}

    /** The spooled bytes' reference, size and SHA-256 digest. */
    record Spooled(StoredBlob blob, byte[] sha256) {}

    static Spooled copy(InputStream content, long maxBytes, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = content.read(buffer)) != -1; ) {
                size += n;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        byte[] digest = sha256.digest();
        return new Spooled(new StoredBlob(BlobRef.ofSha256(digest), size), digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
