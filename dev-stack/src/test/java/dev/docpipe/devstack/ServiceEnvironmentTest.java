package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dev stack configures each service by environment only; every variable must be one the service reads. */
class ServiceEnvironmentTest {
    private static final Infra INFRA = new Infra("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/docpipe",
            "docpipe", "docpipe");

    @Test
    void everyVariableIsReadByTheServicesApplicationYml() {
        List<String> unread = new ArrayList<>();
        unread.addAll(ServiceConfig.of("api-service").unread(ServiceEnvironment.api(INFRA, Path.of("/b"), 8080, "kek")));
        unread.addAll(ServiceConfig.of("workers").unread(ServiceEnvironment.workers(INFRA, Path.of("/b"), 8082)));
        unread.addAll(ServiceConfig.of("pipeline-streams").unread(ServiceEnvironment.pipeline(INFRA, Path.of("/s"))));
        assertThat(unread).isEmpty();
    }

    @Test
    void theS3AndMultiInstanceVariablesAreReadToo() {
        BlobLocation s3 = BlobLocation.s3(java.net.URI.create("http://127.0.0.1:9000"), "docpipe", "key", "secret");
        List<String> unread = new ArrayList<>();
        unread.addAll(ServiceConfig.of("api-service").unread(ServiceEnvironment.api(INFRA, s3, 8080, "kek")));
        unread.addAll(ServiceConfig.of("workers").unread(ServiceEnvironment.workers(INFRA, s3, 8082, "w1")));
        unread.addAll(ServiceConfig.of("pipeline-streams")
                .unread(ServiceEnvironment.pipeline(INFRA, Path.of("/s"), "p1", 8081)));
        assertThat(unread).isEmpty();
        assertThat(ServiceEnvironment.api(INFRA, s3, 8080, "kek")).containsEntry("DOCPIPE_BLOB_STORE", "s3")
                .containsEntry("DOCPIPE_BLOB_S3_PATH_STYLE", "true").doesNotContainKey("DOCPIPE_BLOB_DIR");
    }

    @Test
    void theApiListensOnTheRequestedPort() {
        assertThat(ServiceConfig.of("api-service").serverPort(ServiceEnvironment.api(INFRA, Path.of("/b"), 18080, "kek")))
                .contains(18080);
    }

    @Test
    void theWorkersServeTheirActuatorOnTheRequestedPort() {
        assertThat(ServiceConfig.of("workers").serverPort(ServiceEnvironment.workers(INFRA, Path.of("/b"), 18082)))
                .contains(18082);
    }

    @Test
    void anUnknownVariableIsReported() {
        // The check itself must be able to fail.
        assertThat(ServiceConfig.of("workers").unread(java.util.Map.of("DOCPIPE_DB_URL", "x")))
                .containsExactly("workers: DOCPIPE_DB_URL");
    }
}
