package dev.docpipe.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Blobs as files under one directory: {@code <root>/sha256/ab/cd/<hex>}. A blob is written to a
 * temporary file, hashed on the way, and moved into place atomically, so readers never see a partial
 * blob and concurrent writers of the same bytes cannot corrupt each other.
 */
public final class LocalDirectoryBlobStore implements BlobStore {
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
            StoredBlob blob = HashingSpool.copy(content, maxBytes, temp).blob();
            Path target = pathOf(blob.ref());
            Files.createDirectories(target.getParent());
            moveIntoPlace(temp, target);
            return blob;
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

    @Override
    public void delete(BlobRef ref) throws IOException {
        Files.deleteIfExists(pathOf(ref));
    }

    /** The file of a blob; the reference is validated hex, so this never leaves the root. */
    public Path pathOf(BlobRef ref) {
        return root.resolve(ref.storageKey());
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
}
