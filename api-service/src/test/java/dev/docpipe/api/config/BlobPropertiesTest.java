package dev.docpipe.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.blob.BlobStoreSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BlobPropertiesTest {
    @Test
    void defaultsToTheLocalDirectoryTheWorkersDefaultToo() {
        BlobStoreSettings settings = bind(Map.of()).settings();

        assertThat(settings.store()).isEqualTo(BlobStoreSettings.Kind.LOCAL);
        assertThat(settings.dir().normalize()).isEqualTo(BlobStoreSettings.DEFAULT_DIR.normalize());
        assertThat(settings.s3().bucket()).isNull();
    }

    @Test
    void bindsTheS3Settings() {
        BlobStoreSettings settings = bind(Map.of("docpipe.blob.store", "s3",
                "docpipe.blob.s3.endpoint", "http://s3:80", "docpipe.blob.s3.bucket", "docpipe",
                "docpipe.blob.s3.access-key", "id", "docpipe.blob.s3.secret-key", "secret",
                "docpipe.blob.s3.path-style", "true")).settings();

        assertThat(settings.store()).isEqualTo(BlobStoreSettings.Kind.S3);
        assertThat(settings.s3().endpoint()).isEqualTo("http://s3:80");
        assertThat(settings.s3().bucket()).isEqualTo("docpipe");
        assertThat(settings.s3().accessKey()).isEqualTo("id");
        assertThat(settings.s3().pathStyle()).isTrue();
    }

    private static BlobProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("docpipe.blob",
                BlobProperties.class);
    }
}
