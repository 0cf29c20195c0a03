package dev.docpipe.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.KeyEncryptionKeyException;
import dev.docpipe.personaldata.PersonalDataSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Without a usable key-encryption key the API does not start: it would otherwise send personal data in clear, or
 * fail on the first document it opens. The malformed values other than a missing one are KeyEncryptionKeyTest's
 * (a context start is slow).
 */
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
                .satisfies(e -> assertThat(kekFailure(e)).hasMessageStartingWith("DOCPIPE_KEK is not set"));
    }

    @Test
    void aKekThatDidNotWrapTheStoredKeysIsRefusedAtStartUp() {
        PostgresDatabase pg = PostgresDatabase.shared();
        DataSource database = new DriverManagerDataSource(jdbcUrl, pg.username(), pg.password());
        PersonalDataSchema.migrate(database);
        DataKeys.over(database, KeyEncryptionKey.from(Map.of(KeyEncryptionKey.KEK_VARIABLE,
                KeyEncryptionKey.generateEncoded()))).create(UUID.randomUUID(), UUID.randomUUID());

        assertThatThrownBy(() -> start("--DOCPIPE_KEK=" + KeyEncryptionKey.generateEncoded()))
                .satisfies(e -> assertThat(kekFailure(e))
                        .hasMessageContaining("cannot be unwrapped with the configured DOCPIPE_KEK"));
    }

    /** The KeyEncryptionKeyException the failed start-up was caused by (Spring wraps it; it may wrap the JDK's). */
    private static KeyEncryptionKeyException kekFailure(Throwable startUp) {
        for (Throwable t = startUp; t != null; t = t.getCause()) {
            if (t instanceof KeyEncryptionKeyException kek) {
                return kek;
            }
        }
        throw new AssertionError("not caused by a KeyEncryptionKeyException", startUp);
    }

    @Test
    void theStartUpReportSaysWhatToSet() {
        KeyEncryptionKeyException cause = new KeyEncryptionKeyException("DOCPIPE_KEK is not set: ...");
        FailureAnalysis analysis = new KeyEncryptionKeyFailureAnalyzer().analyze(new IllegalStateException(cause));

        assertThat(analysis.getDescription()).startsWith("DOCPIPE_KEK is not set");
        assertThat(analysis.getAction()).contains("DOCPIPE_KEK", "DOCPIPE_KEK_ID", "docs/configuration.md");
    }
}
