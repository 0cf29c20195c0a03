package dev.docpipe.devstack;

import dev.docpipe.personaldata.KeyEncryptionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Everything the dev stack keeps, under one directory, so that a restart finds every document again
 * and {@code --reset} is one delete:
 *
 * <pre>
 * kafka/      server.properties and the KRaft log dirs (topics, consumer offsets, transactions)
 * postgres/   the PostgreSQL cluster (read model, accounts, idempotency keys)
 * streams/    Kafka Streams state (RocksDB; rebuilt from changelogs if lost)
 * blobs/      uploaded files and extracted texts (content-addressed)
 * s3/         the same with --blob-store s3: the embedded S3 server's buckets
 * logs/       dev-stack.log (broker, pipeline), api-service.log, workers.log
 * run/        pids of the child processes, for cleaning up after a kill -9
 * sample/     a PDF with a text layer for the walk-through
 * dev-account.properties, dev-stack.env   the dev account and the values the printed curl commands use
 * kek         the key-encryption key (DOCPIPE_KEK) the data keys of documents are wrapped with: made on the first
 *             start, kept with the data it protects (losing it loses every sealed personal field)
 * </pre>
 */
public record DataDir(Path root) {
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    public static DataDir at(Path dir) {
        return new DataDir(dir.toAbsolutePath().normalize());
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path streams() {
        return root.resolve("streams");
    }

    public Path blobs() {
        return root.resolve("blobs");
    }

    public Path s3() {
        return root.resolve("s3");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path sample() {
        return root.resolve("sample");
    }

    public Path devAccount() {
        return root.resolve("dev-account.properties");
    }

    public Path envFile() {
        return root.resolve("dev-stack.env");
    }

    public Path kekFile() {
        return root.resolve("kek");
    }

    /**
     * The stack's key-encryption key: read from {@link #kekFile()}, made there (owner-readable only) on the first
     * start. A dev convenience; production takes DOCPIPE_KEK from its secret store.
     */
    public String keyEncryptionKey() {
        Path file = kekFile();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(root);
                Path tmp = file.resolveSibling("kek.tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, OWNER_ONLY);
                Files.writeString(tmp, KeyEncryptionKey.generateEncoded() + "\n");
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key-encryption key " + file, e);
        }
    }

    public void create() {
        try {
            for (Path dir : new Path[] {kafka(), postgres(), streams(), blobs(), s3(), logs(), run(), sample()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** Deletes the whole directory; a missing one is fine. */
    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
