package dev.docpipe.blob;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code docpipe.blob.*}, the same for every service that stores or reads blobs: which store, and its
 * settings. Missing values take their defaults here, so a service can bind this record directly.
 *
 * @param store {@code local} (a directory, one host or a shared filesystem) or {@code s3}
 * @param dir the local store's directory
 * @param s3 the S3 store's settings
 */
public record BlobStoreSettings(Kind store, Path dir, S3BlobStoreSettings s3) {
    public static final Path DEFAULT_DIR = Path.of("./.docpipe-data/blobs");

    public enum Kind {
        LOCAL,
        S3
    }

    public BlobStoreSettings {
        store = store == null ? Kind.LOCAL : store;
        dir = dir == null ? DEFAULT_DIR : dir;
        s3 = s3 == null ? S3BlobStoreSettings.DEFAULTS : s3;
    }

    /** Opens the configured store; an S3 store checks its bucket first, so a wrong setting fails at start-up. */
    public BlobStore open() throws IOException {
        return switch (store) {
            case LOCAL -> new LocalDirectoryBlobStore(dir);
            case S3 -> S3BlobStore.connect(s3);
        };
    }
}
