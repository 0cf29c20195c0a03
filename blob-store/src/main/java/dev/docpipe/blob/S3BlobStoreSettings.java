package dev.docpipe.blob;

import java.net.URI;
import java.nio.file.Path;

/**
 * {@code docpipe.blob.s3.*}. Blank strings count as unset, because {@code application.yml} passes
 * unset environment variables on as empty values.
 *
 * @param endpoint an S3-compatible server ({@code http://s3proxy:80}); unset means AWS S3 in {@code region}
 * @param bucket required; blobs are stored as {@code sha256/ab/cd/<hex>} in it, the local store's layout
 * @param region signing region; S3-compatible servers usually accept any, AWS needs the bucket's
 * @param accessKey with {@code secretKey}: static credentials; unset means the SDK's default chain
 *     (environment, profile, container or instance role, web identity)
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: what most
 *     S3-compatible servers need
 * @param createBucket create the bucket at start-up if it is missing (development); otherwise a missing
 *     bucket fails the start-up
 * @param maxAttempts attempts per request, the first included; throttling and transient errors are
 *     retried with exponential backoff and jitter
 * @param spoolDir where an upload is spooled (and hashed) before it is sent; unset means the JVM's temp dir
 */
public record S3BlobStoreSettings(
        String endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        boolean createBucket,
        Integer maxAttempts,
        Path spoolDir) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final S3BlobStoreSettings DEFAULTS =
            new S3BlobStoreSettings(null, null, null, null, null, false, false, null, null);

    public S3BlobStoreSettings {
        endpoint = blankToNull(endpoint);
        bucket = blankToNull(bucket);
        region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("docpipe.blob.s3.max-attempts must be at least 1, not " + maxAttempts);
        }
    }

    /** For an S3-compatible server with static credentials, as tests and the dev stack use it. */
    public static S3BlobStoreSettings compatible(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3BlobStoreSettings(endpoint.toString(), bucket, null, accessKey, secretKey, true, false, null, null);
    }

    public S3BlobStoreSettings withCreateBucket(boolean create) {
        return new S3BlobStoreSettings(endpoint, bucket, region, accessKey, secretKey, pathStyle, create, maxAttempts,
                spoolDir);
    }

    public S3BlobStoreSettings withMaxAttempts(int attempts) {
        return new S3BlobStoreSettings(endpoint, bucket, region, accessKey, secretKey, pathStyle, createBucket, attempts,
                spoolDir);
    }

    /** Checks what a store needs; separate from the constructor so that {@code store=local} ignores these. */
    void requireUsable() {
        if (bucket == null) {
            throw new IllegalArgumentException(
                    "docpipe.blob.store=s3 needs docpipe.blob.s3.bucket (DOCPIPE_BLOB_S3_BUCKET)");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("docpipe.blob.s3.access-key and secret-key"
                    + " (DOCPIPE_BLOB_S3_ACCESS_KEY, DOCPIPE_BLOB_S3_SECRET_KEY) must be set together");
        }
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "docpipe.blob.s3.endpoint must be an absolute http(s) URL, not " + endpoint);
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        // never the secret key: this record ends up in start-up logs and exception messages
        return "S3BlobStoreSettings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", bucket=" + bucket
                + ", region=" + region + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKey == null ? "default chain" : "static") + "]";
    }
}
