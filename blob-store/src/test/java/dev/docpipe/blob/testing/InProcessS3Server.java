package dev.docpipe.blob.testing;

import dev.docpipe.blob.S3BlobStoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3 server in this JVM: S3Proxy over jclouds' filesystem store in a directory, on 127.0.0.1
 * and a free port, with AWS V2/V4 signatures checked against fixed credentials. For tests and local
 * runs that need S3 without Docker.
 */
public final class InProcessS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "docpipe-test";
    public static final String SECRET_KEY = "docpipe-test-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private InProcessS3Server(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server whose buckets are subdirectories of {@code dir}. */
    public static InProcessS3Server start(Path dir) throws Exception {
        // by its metadata, not by the id "filesystem": a lookup by id loads every provider S3Proxy
        // registers, and the pom leaves out the other back ends' libraries
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT);
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            proxy.stop();
            context.close();
            throw e;
        }
        return new InProcessS3Server(proxy, context);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings for a store on {@code bucket} here; the bucket is created when the store connects. */
    public S3BlobStoreSettings settings(String bucket) {
        return S3BlobStoreSettings.compatible(endpoint, bucket, ACCESS_KEY, SECRET_KEY).withCreateBucket(true);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
