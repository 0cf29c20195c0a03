package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Today's projector on the log the next version writes (shared-model's golden/next/events.jsonl: extra
 * optional fields and two event types today's code does not know): the row follows every version, an unknown
 * type changing nothing but the version, so the document does not stall behind it and a rebuild equals the
 * live fold, whatever order the events come in.
 */
class NextVersionEventsTest {
    /** The golden next-version log, committed once in shared-model (Maven runs each module's tests in its own directory). */
    private static final Path NEXT_EVENTS = Path.of("../shared-model/src/test/resources/golden/next/events.jsonl");

    private static DocumentProjector projector;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_next_version_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        projector = TestProjectors.over(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    @BeforeEach
    void empty() {
        projector.clear();
        jdbc.sql("TRUNCATE document_changes, document_change_heads").update();
    }

    static List<RecordedEvent> nextVersionLog() {
        try {
            return Files.readAllLines(NEXT_EVENTS, StandardCharsets.UTF_8).stream()
                    .map(line -> ModelJson.EVENTS.decode(line.getBytes(StandardCharsets.UTF_8))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the golden next-version log " + NEXT_EVENTS.toAbsolutePath(), e);
        }
    }

    @Test
    void unknownEventTypesAreVersionStepsAndTheDocumentReachesTheEndOfItsLog() {
        List<RecordedEvent> log = nextVersionLog();
        UUID documentId = log.getFirst().documentId();

        ProjectionResult result = projector.apply(log);

        assertThat(result.applied()).isEqualTo(8);
        assertThat(result.gaps() + result.invalid()).isZero();
        DocumentRow row = projector.all().getFirst();
        assertThat(row.document().version()).isEqualTo(8);
        assertThat(row.document().state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(row.lastEventId()).isEqualTo(log.getLast().eventId());
        assertThat(jdbc.sql("SELECT event_type FROM document_changes WHERE document_id = :id ORDER BY version")
                .param("id", documentId).query(String.class).list())
                .containsExactly("DocumentRegistered", "ScanRequested", "DocumentScanned", "DocumentTagged",
                        "ScanConfirmed", "OcrRequested", "TextExtracted", "FamilyNotified");
    }

    @Test
    void anyOrderOfDeliveryGivesTheRowOfTheLogInOrder() {
        List<RecordedEvent> log = nextVersionLog();
        projector.apply(log);
        List<Map<String, Object>> expected = table();

        for (long seed = 1; seed <= 5; seed++) {
            projector.clear();
            List<RecordedEvent> shuffled = new ArrayList<>(log);
            Collections.shuffle(shuffled, new Random(seed));
            // one event per transaction: the early ones are parked, unknown types included, and follow later
            shuffled.forEach(projector::apply);

            assertThat(table()).as("seed %d", seed).isEqualTo(expected);
        }
    }

    private static List<Map<String, Object>> table() {
        return jdbc.sql("SELECT document_id::text, state, version, aggregate::text, last_event_id::text,"
                + " created_at::text, updated_at::text FROM documents ORDER BY document_id").query().listOfRows();
    }
}
