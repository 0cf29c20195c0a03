package dev.docpipe.localinfra;

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
 * A real S3 server in this JVM: S3Proxy over jclouds' filesystem store in a directory (one
 * subdirectory per bucket), on 127.0.0.1, with AWS V2/V4 signatures checked against fixed
 * credentials. For the dev stack's {@code --blob-store s3} and for tests that need S3 without Docker.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "docpipe-local";
    public static final String SECRET_KEY = "docpipe-local-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path directory;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, Path directory) {
        this.proxy = proxy;
        this.context = context;
        this.directory = directory;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** On any free port; buckets are subdirectories of {@code dir}. */
    public static EmbeddedS3 start(Path dir) throws Exception {
        return start(dir, 0);
    }

    /** @param port 0 = any free port */
    public static EmbeddedS3 start(Path dir, int port) throws Exception {
        Path directory = dir.toAbsolutePath().normalize();
        // by its metadata, not by the id "filesystem": a lookup by id loads every provider S3Proxy
        // registers, and the pom leaves out the other back ends' libraries
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        S3Proxy proxy;
        try {
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
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
        return new EmbeddedS3(proxy, context, directory);
    }

    /** {@code http://127.0.0.1:<port>}: path-style addressing, any region. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    /** Where the objects are: {@code <directory>/<bucket>/<key>}. */
    public Path directory() {
        return directory;
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
