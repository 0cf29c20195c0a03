package dev.docpipe.blob;

import dev.docpipe.localinfra.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real S3 server (S3Proxy in this JVM), one bucket per test. */
class S3BlobStoreContractTest extends BlobStoreContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static EmbeddedS3 server;

    @TempDir
    static Path serverDir;

    @TempDir
    Path spool;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedS3.start(Files.createDirectories(serverDir.resolve("s3")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws Exception {
        S3BlobStoreSettings settings = EmbeddedS3Settings.on(server, "docpipe-" + BUCKETS.incrementAndGet());
        return S3BlobStore.connect(new S3BlobStoreSettings(settings.endpoint(), settings.bucket(), settings.region(),
                settings.accessKey(), settings.secretKey(), settings.pathStyle(), true, null, spool));
    }

    @Override
    protected Path spoolDirectory() {
        return spool;
    }
}
