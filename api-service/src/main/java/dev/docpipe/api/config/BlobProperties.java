package dev.docpipe.api.config;

import dev.docpipe.blob.BlobStoreSettings;
import dev.docpipe.blob.S3BlobStoreSettings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.blob.*}: where uploaded files are stored (content-addressed), a local directory or
 * an S3 bucket; the workers read the same settings ({@link BlobStoreSettings}).
 */
@ConfigurationProperties("docpipe.blob")
public record BlobProperties(
        @DefaultValue("local") BlobStoreSettings.Kind store,
        @DefaultValue("./.docpipe-data/blobs") Path dir,
        @DefaultValue S3BlobStoreSettings s3) {

    public BlobStoreSettings settings() {
        return new BlobStoreSettings(store, dir, s3);
    }
}
