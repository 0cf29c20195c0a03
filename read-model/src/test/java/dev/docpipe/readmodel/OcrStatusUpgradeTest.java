package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.json.ModelJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows written before OcrStatus had lastRequestFailed/reprocessedFrom are read again after V3. */
class OcrStatusUpgradeTest {
    private static final String V3 = "/db/readmodel/V3__ocr_status_failed_request.sql";

    @Test
    void v3GivesRowsOfThePreviousShapeTheFieldsTheFoldWouldHave() throws IOException {
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_upgrade_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        EventHistory validated = EventHistory.registered().scanned().command(new ConfirmScan()).extracted()
                .command(new ValidateReview(0));
        EventHistory failed = EventHistory.registered().scanned().command(new ConfirmScan());
        failed.result(new OcrFailed(failed.document().currentJob().jobId(), failed.documentId,
                Instant.parse("2026-01-05T11:00:00Z"), "CORRUPT_FILE", false, "unreadable"));
        TestProjectors.over(dataSource).apply(Stream.of(validated, failed)
                .flatMap(h -> h.events().stream()).toList());
        List<String> current = aggregates(jdbc);

        // what the previous release wrote
        jdbc.sql("UPDATE documents SET aggregate = aggregate #- '{ocr,lastRequestFailed}' #- '{ocr,reprocessedFrom}',"
                + " ocr = ocr - 'lastRequestFailed' - 'reprocessedFrom'").update();
        assertThatThrownBy(() -> read(aggregates(jdbc).getFirst())).hasMessageContaining("lastRequestFailed");

        try (InputStream script = getClass().getResourceAsStream(V3)) {
            jdbc.sql(new String(script.readAllBytes(), StandardCharsets.UTF_8)).update();
        }

        assertThat(aggregates(jdbc).stream().map(OcrStatusUpgradeTest::read).toList())
                .containsExactlyElementsOf(current.stream().map(OcrStatusUpgradeTest::read).toList())
                .extracting(d -> d.ocr().lastRequestFailed()).containsExactlyInAnyOrder(false, true);
    }

    private static List<String> aggregates(JdbcClient jdbc) {
        return jdbc.sql("SELECT aggregate::text FROM documents ORDER BY document_id").query(String.class).list();
    }

    private static Document read(String json) {
        return ModelJson.read(json.getBytes(StandardCharsets.UTF_8), Document.class);
    }
}
