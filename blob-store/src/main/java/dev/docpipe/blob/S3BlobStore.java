package dev.docpipe.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in one S3 bucket (AWS or any S3-compatible server), under the same keys as
 * {@link LocalDirectoryBlobStore}'s files. An upload is spooled to a temporary file while it is hashed,
 * because the object's key is the hash of its bytes and S3 wants the length before the body; the
 * file is then sent with its SHA-256 so the server refuses an upload damaged on the way, in one PUT
 * (S3 takes up to 5 GiB so; docpipe's upload and file limits are far below). Downloads
 * stream from the response. Throttling and transient errors are retried by the SDK with backoff; what
 * still fails is a {@link BlobStoreException} naming the bucket and endpoint.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private final S3Client s3;
    private final S3BlobStoreSettings settings;

    private S3BlobStore(S3Client s3, S3BlobStoreSettings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** A store on the settings' bucket, which must exist (or is created when {@code createBucket}). */
    public static S3BlobStore connect(S3BlobStoreSettings settings) throws IOException {
        settings.requireUsable();
        S3BlobStore store = new S3BlobStore(client(settings), settings);
        try {
            store.ensureBucket();
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static S3Client client(S3BlobStoreSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // The SDK's default checksums go in a chunked trailer that not every S3-compatible
                // server decodes; put() sends its own SHA-256 as a header instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3BlobStoreSettings settings) {
        if (settings.accessKey() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    private void ensureBucket() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("check bucket", settings.bucket(), e);
            }
            if (!settings.createBucket()) {
                throw new BlobStoreException("bucket '" + settings.bucket() + "' does not exist at " + where()
                        + " (create it, or set docpipe.blob.s3.create-bucket=true)", e);
            }
            createBucket();
        } catch (SdkException e) {
            throw failure("check bucket", settings.bucket(), e);
        }
    }

    private void createBucket() throws IOException {
        try {
            s3.createBucket(b -> {
                b.bucket(settings.bucket());
                // AWS wants the region spelled out anywhere but its first one
                if (settings.endpoint() == null && !settings.region().equals(S3BlobStoreSettings.DEFAULT_REGION)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(
                            BucketLocationConstraint.fromValue(settings.region())));
                }
            });
        } catch (S3Exception e) {
            if (e.statusCode() != 409) { // 409: another instance created it first
                throw failure("create bucket", settings.bucket(), e);
            }
        } catch (SdkException e) {
            throw failure("create bucket", settings.bucket(), e);
        }
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        Path spool = settings.spoolDir() == null
                ? Files.createTempFile("docpipe-upload-", ".part")
                : Files.createTempFile(Files.createDirectories(settings.spoolDir()), "docpipe-upload-", ".part");
        try {
            HashingSpool.Spooled spooled = HashingSpool.copy(content, maxBytes, spool);
            StoredBlob blob = spooled.blob();
            if (!exists(blob.ref())) { // the same bytes stored before are the same object
                upload(spool, blob, spooled.sha256());
            }
            return blob;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void upload(Path file, StoredBlob blob, byte[] sha256) throws IOException {
        String key = blob.ref().storageKey();
        try {
            // fromFile re-reads the file on every attempt, so a retried upload sends the whole body again
            s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentLength(blob.sizeBytes())
                    .contentType("application/octet-stream")
                    .checksumSHA256(Base64.getEncoder().encodeToString(sha256)), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        String key = ref.storageKey();
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new BlobNotFoundException(ref);
            }
            throw failure("get", key, e);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /** @throws UncheckedIOException wrapping a {@link BlobStoreException} if the store cannot answer */
    @Override
    public boolean exists(BlobRef ref) {
        String key = ref.storageKey();
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException(failure("head", key, e));
        } catch (SdkException e) {
            throw new UncheckedIOException(failure("head", key, e));
        }
    }

    @Override
    public void delete(BlobRef ref) throws IOException {
        String key = ref.storageKey();
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key)); // S3 deletes a missing key without error
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private BlobStoreException failure(String operation, String key, SdkException e) {
        String reason = e instanceof S3Exception s3e ? status(s3e) : e.getMessage();
        return new BlobStoreException("S3 " + operation + " of '" + key + "' in bucket '" + settings.bucket() + "' at "
                + where() + " failed: " + reason, e);
    }

    /** HEAD answers carry no error document, so the code and message may be missing. */
    private static String status(S3Exception e) {
        var details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        return "HTTP " + e.statusCode() + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
    }

    private String where() {
        return settings.endpoint() == null ? "AWS S3 (" + settings.region() + ")" : settings.endpoint();
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + settings + "]";
    }
}
