package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.command.ConfirmScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The table-level queries the operator tools use, on the rows the projector writes. */
class ReadModelTableTest {
    private static PGSimpleDataSource dataSource;
    private static EventHistory pending;
    private static EventHistory extracted;

    @BeforeAll
    static void database() {
        PostgresDatabase pg = PostgresDatabase.shared();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_table_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        pending = EventHistory.registered();
        extracted = EventHistory.registered().scanned().command(new ConfirmScan()).extracted();
        DocumentProjector projector = TestProjectors.over(dataSource);
        projector.apply(pending.events());
        projector.apply(extracted.events());
    }

    @Test
    void findsTheLiveSchemaAndCountsItsRows() throws Exception {
        assertThat(ReadModelTable.liveSchema(dataSource)).hasValue("public");
        assertThat(ReadModelTable.count(dataSource, "public")).isEqualTo(2);
        assertThat(ReadModelTable.qualified("a\"b", ReadModelTable.TABLE)).isEqualTo("\"a\"\"b\".\"documents\"");
    }

    @Test
    void everyColumnOfEveryRowInDocumentIdOrder() throws Exception {
        List<ReadModelRow> rows = new ArrayList<>();
        assertThat(ReadModelTable.forEach(dataSource, "public", rows::add)).isEqualTo(2);
        assertThat(rows).extracting(ReadModelRow::documentId)
                .containsExactlyElementsOf(List.of(pending.documentId, extracted.documentId).stream()
                        .sorted((a, b) -> a.toString().compareTo(b.toString())).toList());
        ReadModelRow row = ReadModelTable.rows(dataSource, "public", Set.of(extracted.documentId, UUID.randomUUID()))
                .getFirst();
        assertThat(row.aggregate()).isEqualTo(extracted.document());
        assertThat(row.state()).isEqualTo("EXTRACTED");
        assertThat(row.version()).isEqualTo(extracted.events().size());
        assertThat(row.ocrAttempt()).isEqualTo(1);
        assertThat(row.textRef()).isEqualTo(extracted.document().ocr().textRef());
        assertThat(row.lastEventId()).isEqualTo(extracted.events().getLast().eventId());
        assertThat(ReadModelTable.rows(dataSource, "public", Set.of())).isEmpty();
    }

    @Test
    void rowsRegisteredInARange() throws Exception {
        Instant registered = extracted.events().getFirst().occurredAt();
        List<UUID> found = new ArrayList<>();
        ReadModelTable.forEachRegistered(dataSource, "public", registered.minusSeconds(1), registered.plusSeconds(1),
                r -> found.add(r.documentId()));
        assertThat(found).containsExactlyInAnyOrder(pending.documentId, extracted.documentId);
        found.clear();
        ReadModelTable.forEachRegistered(dataSource, "public", registered.plusSeconds(1), registered.plusSeconds(9),
                r -> found.add(r.documentId()));
        assertThat(found).isEmpty();
    }

    @Test
    void anAggregateThatCannotBeReadIsReportedNotThrown() throws Exception {
        UUID id = pending.documentId;
        JdbcClient.create(dataSource).sql("UPDATE documents SET aggregate = '{\"nonsense\": true}' WHERE document_id = ?")
                .param(id).update();
        ReadModelRow row = ReadModelTable.rows(dataSource, "public", Set.of(id)).getFirst();
        assertThat(row.aggregate()).isNull();
        assertThat(row.aggregateError()).isNotBlank();
        TestProjectors.over(dataSource).refold(id, pending.events());
        assertThat(ReadModelTable.rows(dataSource, "public", Set.of(id)).getFirst().aggregate())
                .isEqualTo(pending.document());
    }
}
