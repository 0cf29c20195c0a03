package dev.docpipe.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.EmbeddedS3;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code docpipe.blob.*} bound as the workers bind it (Spring's Binder), then opened. */
class BlobStoreSettingsTest {
    @TempDir
    Path dir;

    @Test
    void withoutSettingsTheStoreIsTheLocalDirectory() {
        BlobStoreSettings settings = bind(Map.of());

        assertThat(settings.store()).isEqualTo(BlobStoreSettings.Kind.LOCAL);
        assertThat(settings.dir()).isEqualTo(BlobStoreSettings.DEFAULT_DIR);
        assertThat(settings.s3().region()).isEqualTo(S3BlobStoreSettings.DEFAULT_REGION);
        assertThat(settings.s3().maxAttempts()).isEqualTo(S3BlobStoreSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void blankValuesFromUnsetEnvironmentVariablesCountAsUnset() {
        // application.yml passes an unset DOCPIPE_BLOB_S3_* on as ""
        BlobStoreSettings settings = bind(Map.of("docpipe.blob.store", "local", "docpipe.blob.s3.endpoint", "",
                "docpipe.blob.s3.region", "", "docpipe.blob.s3.access-key", "", "docpipe.blob.s3.secret-key", ""));

        assertThat(settings.s3().endpoint()).isNull();
        assertThat(settings.s3().region()).isEqualTo(S3BlobStoreSettings.DEFAULT_REGION);
        assertThat(settings.s3().accessKey()).isNull();
    }

    @Test
    void storeS3OpensAStoreOnTheConfiguredBucket() throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.start(dir)) {
            BlobStoreSettings settings = bind(Map.of(
                    "docpipe.blob.store", "s3",
                    "docpipe.blob.s3.endpoint", server.endpoint().toString(),
                    "docpipe.blob.s3.bucket", "docpipe",
                    "docpipe.blob.s3.access-key", EmbeddedS3.ACCESS_KEY,
                    "docpipe.blob.s3.secret-key", EmbeddedS3.SECRET_KEY,
                    "docpipe.blob.s3.path-style", "true",
                    "docpipe.blob.s3.create-bucket", "true",
                    "docpipe.blob.s3.max-attempts", "2"));

            BlobStore store = settings.open();
            try (S3BlobStore s3 = (S3BlobStore) store) {
                StoredBlob blob = s3.putText("hello");
                assertThat(s3.readText(blob.ref())).isEqualTo("hello");
            }
            assertThat(settings.s3().maxAttempts()).isEqualTo(2);
            // the bucket is a directory of the server's filesystem store
            assertThat(dir.resolve("docpipe")).isDirectory();
        }
    }

    private static BlobStoreSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("docpipe.blob", BlobStoreSettings.class);
    }
}
