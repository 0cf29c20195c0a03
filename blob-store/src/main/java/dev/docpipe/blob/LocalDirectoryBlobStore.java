package dev.docpipe.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Blobs as files under one directory: {@code <root>/sha256/ab/cd/<hex>}. A blob is written to a
 * temporary file, hashed on the way, and moved into place atomically, so readers never see a partial
 * blob and concurrent writers of the same bytes cannot corrupt each other.
 */
public final class LocalDirectoryBlobStore implements BlobStore {
    private static final int BUFFER = 64 * 1024;
    private final Path root;
    private final Path incoming;

    public LocalDirectoryBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = Files.createDirectories(this.root.resolve("incoming"));
        Files.createDirectories(this.root.resolve("sha256"));
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(incoming, "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            BlobRef ref = new BlobRef("sha256:" + HexFormat.of().formatHex(sha256.digest()));
            Path target = pathOf(ref);
            Files.createDirectories(target.getParent());
            moveIntoPlace(temp, target);
            return new StoredBlob(ref, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        try {
            return Files.newInputStream(pathOf(ref));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(ref);
        }
    }

    @Override
    public boolean exists(BlobRef ref) {
        return Files.isRegularFile(pathOf(ref));
    }

    /** The file of a blob; the reference is validated hex, so this never leaves the root. */
    public Path pathOf(BlobRef ref) {
        String hex = ref.hex();
        return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            return; // same bytes already stored
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a concurrent writer stored the same bytes first
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
