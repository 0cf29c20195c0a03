package dev.docpipe.workers.health;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.StoredBlob;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness on the blob store ({@code blobStore}): a worker reads uploads from it and writes
 * extracted texts to it, so the check does both with one small fixed probe blob. The store is
 * content-addressed, so every check stores the same blob once rather than a new one each time, and
 * the probe holds no personal data.
 */
@Component
public class BlobStoreHealthIndicator extends AbstractHealthIndicator {
    static final byte[] PROBE = "docpipe workers readiness probe\n".getBytes(StandardCharsets.UTF_8);

    private final BlobStore blobs;

    public BlobStoreHealthIndicator(BlobStore blobs) {
        super("blob store health check failed");
        this.blobs = blobs;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("store", blobs.getClass().getSimpleName());
        StoredBlob stored;
        try {
            stored = blobs.put(new ByteArrayInputStream(PROBE), PROBE.length);
        } catch (Exception e) {
            builder.down().withDetail("error", "cannot write a blob: " + e);
            return;
        }
        try {
            byte[] back = blobs.read(stored.ref());
            if (!Arrays.equals(back, PROBE)) {
                builder.down().withDetail("error", "blob " + stored.ref().value() + " read back differs");
                return;
            }
        } catch (Exception e) {
            builder.down().withDetail("error", "cannot read a blob back: " + e);
            return;
        }
        builder.up();
    }
}
