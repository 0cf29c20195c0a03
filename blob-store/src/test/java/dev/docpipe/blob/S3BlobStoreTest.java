package dev.docpipe.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.EmbeddedS3;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the S3 store has: a bucket to find, credentials, a network, and throttling. */
class S3BlobStoreTest {
    private static EmbeddedS3 s3;

    @TempDir
    static Path serverDir;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = EmbeddedS3.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @Test
    void aMissingBucketFailsTheStartAndSaysWhichAndWhere() {
        S3BlobStoreSettings settings = EmbeddedS3Settings.on(s3, "nobody-made-this").withCreateBucket(false);

        assertThatThrownBy(() -> S3BlobStore.connect(settings))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("bucket 'nobody-made-this' does not exist at " + s3.endpoint())
                .hasMessageContaining("create-bucket");
    }

    @Test
    void theBucketIsCreatedWhenAskedAndFoundTheNextTime() throws Exception {
        S3BlobStoreSettings settings = EmbeddedS3Settings.on(s3, "made-at-start");
        StoredBlob blob;
        try (S3BlobStore first = S3BlobStore.connect(settings)) {
            blob = first.putText("kept across connections");
        }

        try (S3BlobStore second = S3BlobStore.connect(settings.withCreateBucket(false))) {
            assertThat(second.readText(blob.ref())).isEqualTo("kept across connections");
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithTheStatus() {
        S3BlobStoreSettings settings = S3BlobStoreSettings.compatible(s3.endpoint(), "any",
                EmbeddedS3.ACCESS_KEY, "not-the-secret");

        assertThatThrownBy(() -> S3BlobStore.connect(settings))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining(s3.endpoint().toString())
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void anUnreachableServerIsABlobStoreExceptionNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3BlobStoreSettings settings = S3BlobStoreSettings.compatible(
                java.net.URI.create("http://127.0.0.1:" + closedPort), "any", "a", "b").withMaxAttempts(1);

        assertThatThrownBy(() -> S3BlobStore.connect(settings))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("http://127.0.0.1:" + closedPort);
    }

    @Test
    void settingsThatCannotWorkAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> S3BlobStore.connect(new BlobStoreSettings(BlobStoreSettings.Kind.S3, null, null).s3()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCPIPE_BLOB_S3_BUCKET");
        assertThatThrownBy(() -> S3BlobStore.connect(
                new S3BlobStoreSettings("http://127.0.0.1:1", "b", null, "only-the-key", " ", true, false, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be set together");
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        S3BlobStoreSettings settings = S3BlobStoreSettings.compatible(s3.endpoint(), "b", "key-id", "very-secret");

        assertThat(settings.toString()).doesNotContain("very-secret");
    }

    @Test
    void throttledRequestsAreRetriedAndAnUploadIsSentWholeEachTime() throws Exception {
        try (ThrottlingS3Server server = new ThrottlingS3Server()) {
            server.throttle("HEAD", 2);
            try (S3BlobStore store = S3BlobStore.connect(
                    S3BlobStoreSettings.compatible(server.endpoint(), "docpipe", "a", "b"))) {
                assertThat(server.requests("HEAD")).extracting(ThrottlingS3Server.Request::status)
                        .containsExactly(503, 503, 200);

                server.throttle("PUT", 2);
                StoredBlob blob = store.putText("hello");

                assertThat(server.requests("PUT")).extracting(ThrottlingS3Server.Request::status)
                        .containsExactly(503, 503, 200);
                assertThat(server.requests("PUT")).extracting(ThrottlingS3Server.Request::bodyBytes)
                        .containsOnly(5);
                // base64 of sha256("hello"): the server can check the bytes against their address
                assertThat(server.requests("PUT")).extracting(ThrottlingS3Server.Request::checksum)
                        .containsOnly("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=");
                server.throttle("GET", 1);
                assertThat(store.readText(blob.ref())).isEqualTo("hello");
            }
        }
    }

    @Test
    void throttlingThatOutlastsTheAttemptsIsAnErrorSayingSo() throws Exception {
        try (ThrottlingS3Server server = new ThrottlingS3Server()) {
            server.throttle("GET", Integer.MAX_VALUE);
            try (S3BlobStore store = S3BlobStore.connect(
                    S3BlobStoreSettings.compatible(server.endpoint(), "docpipe", "a", "b").withMaxAttempts(3))) {

                assertThatThrownBy(() -> store.open(BlobRef.parse("sha256:" + "2".repeat(64))))
                        .isInstanceOf(BlobStoreException.class)
                        .hasMessageContaining("HTTP 503 SlowDown");
                assertThat(server.requests("GET")).hasSize(3);
            }
        }
    }
}
