package dev.docpipe.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.KeyEncryptionKeyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/** Without a usable key-encryption key the API does not start: it would otherwise send personal data in clear. */
class KeyEncryptionKeyStartupTest {
    private static String jdbcUrl;

    @TempDir
    static Path blobs;

    @BeforeAll
    static void database() {
        jdbcUrl = PostgresDatabase.shared().createDatabase("api_kek_" + ProcessHandle.current().pid());
    }

    private static void start(String... extra) {
        PostgresDatabase pg = PostgresDatabase.shared();
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                // nothing listens there: the start-up must fail before anything talks to Kafka
                "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--docpipe.blob.dir=" + blobs,
                "--spring.jmx.enabled=false"));
        args.addAll(List.of(extra));
        new SpringApplicationBuilder(ApiApplication.class).profiles("dev").run(args.toArray(String[]::new)).close();
    }

    @Test
    void withoutDocpipeKekTheApiRefusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> start("--DOCPIPE_KEK="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(KeyEncryptionKeyException.class)
                        .hasMessageStartingWith("DOCPIPE_KEK is not set"));
    }

    @Test
    void aKekOfTheWrongLengthIsRefusedToo() {
        assertThatThrownBy(() -> start("--DOCPIPE_KEK=c2hvcnQ="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .hasMessageContaining("DOCPIPE_KEK must be the base64 of exactly 32 bytes"));
    }

    @Test
    void theStartUpReportSaysWhatToSet() {
        KeyEncryptionKeyException cause = new KeyEncryptionKeyException("DOCPIPE_KEK is not set: ...");
        FailureAnalysis analysis = new KeyEncryptionKeyFailureAnalyzer().analyze(new IllegalStateException(cause));

        assertThat(analysis.getDescription()).startsWith("DOCPIPE_KEK is not set");
        assertThat(analysis.getAction()).contains("DOCPIPE_KEK", "DOCPIPE_KEK_ID", "docs/configuration.md");
    }
}
