package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.LocalDirectoryBlobStore;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.PersonalFields;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure in the read model (docs/decisions/0012, part 4) on a real PostgreSQL and a real blob store: two
 * documents share one uploaded file (content-addressed), each with a sealed file name, review and its own text.
 */
class DocumentErasureTest {
    private static final String ERASED_PHRASE = "Quokka-Zeugnis-Marlene";
    private static final String KEPT_PHRASE = "Pelikan-Aufsatz-Jonas";

    @TempDir
    Path blobDirectory;

    private PGSimpleDataSource dataSource;
    private JdbcClient jdbc;
    private LocalDirectoryBlobStore blobs;
    private PersonalFields fields;
    private DocumentProjector projector;
    private String sharedFile;
    private String erasedText;
    private String keptText;
    private EventHistory erased;
    private EventHistory kept;

    @BeforeEach
    void twoDocumentsSharingAFile() throws Exception {
        PostgresDatabase pg = PostgresDatabase.shared();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_erasure_" + System.nanoTime() % 1_000_000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        // the API's idempotency records, as far as the purge touches them (api-service's V1 and V4)
        jdbc.sql("CREATE TABLE idempotency_keys (idempotency_key text PRIMARY KEY, document_id uuid,"
                + " response_body bytea)").update();
        blobs = new LocalDirectoryBlobStore(blobDirectory);
        fields = TestProjectors.personalFields(dataSource);
        projector = DocumentProjector.over(dataSource, fields, ref -> blobs.delete(BlobRef.parse(ref)));

        sharedFile = blobs.putText("the same scanned page, uploaded twice").ref().value();
        erasedText = blobs.putText("OCR text " + ERASED_PHRASE).ref().value();
        keptText = blobs.putText("OCR text " + KEPT_PHRASE).ref().value();
        erased = reviewed(ERASED_PHRASE, erasedText);
        kept = reviewed(KEPT_PHRASE, keptText);
        for (EventHistory h : List.of(erased, kept)) {
            jdbc.sql("INSERT INTO idempotency_keys VALUES (:key, :document, :body)")
                    .param("key", h.documentId.toString()).param("document", h.documentId)
                    .param("body", ("{\"note\":\"" + phraseOf(h) + "\"}").getBytes()).update();
        }
        projector.apply(Stream.concat(erased.events().stream(), kept.events().stream()).toList());
    }

    private String phraseOf(EventHistory h) {
        return h == erased ? ERASED_PHRASE : KEPT_PHRASE;
    }

    private EventHistory reviewed(String phrase, String textRef) {
        EventHistory h = EventHistory.registeredSealed(fields, UUID.randomUUID(),
                new FileRef(sharedFile, "application/pdf", 37, phrase + ".pdf"));
        h.scanned().command(new ConfirmScan()).extracted(textRef);
        h.command(new EditReview(0, fields.seal(h.documentId,
                new ReviewPatch("Titel " + phrase, "Fach " + phrase, "de", List.of("tag " + phrase), "Text " + phrase))));
        return h;
    }

    @Test
    void beforeErasureTheRowsHoldThePlainTextAndTheLogOnlyCiphertext() {
        assertThat(dump()).contains(ERASED_PHRASE, KEPT_PHRASE);
        assertThat(erased.events().toString()).doesNotContain(ERASED_PHRASE);
        assertThat(ModelJson.EVENTS.encode(erased.events().getFirst()))
                .asString().doesNotContain(ERASED_PHRASE).contains("dp1:");
        DocumentRow row = DocumentQueries.over(dataSource).find(erased.childId, erased.documentId).orElseThrow();
        assertThat(row.document().file().fileName()).isEqualTo(ERASED_PHRASE + ".pdf");
        assertThat(row.document().review().fields().tags()).containsExactly("tag " + ERASED_PHRASE);
    }

    @Test
    void erasureLeavesNothingOfTheErasedDocumentAndEverythingOfTheOther() throws Exception {
        erased.command(new EraseDocument());
        projector.apply(erased.events().getLast());

        assertThat(dump()).doesNotContain(ERASED_PHRASE).contains(KEPT_PHRASE);
        assertThat(fields.keys().exists(erased.documentId)).isFalse();
        assertThat(fields.keys().exists(kept.documentId)).isTrue();
        DocumentRow row = DocumentQueries.over(dataSource).find(erased.childId, erased.documentId).orElseThrow();
        assertThat(row.document().state().name()).isEqualTo("ERASED");
        assertThat(row.document().file().fileName()).isNull();
        assertThat(row.document().review().fields().title()).isNull();
        assertThat(row.version()).isEqualTo(erased.document().version());
        // the erased document's own text is gone; the file stays, the other document still uses it
        assertThat(blobs.exists(BlobRef.parse(erasedText))).isFalse();
        assertThat(blobs.exists(BlobRef.parse(sharedFile))).isTrue();
        assertThat(blobs.readText(BlobRef.parse(keptText))).contains(KEPT_PHRASE);
        assertThat(jdbc.sql("SELECT response_body FROM idempotency_keys WHERE document_id = :id")
                .param("id", kept.documentId).query(byte[].class).single()).asString().contains(KEPT_PHRASE);

        // erasing the second one deletes the shared file too
        kept.command(new EraseDocument());
        projector.apply(kept.events().getLast());
        assertThat(blobs.exists(BlobRef.parse(sharedFile))).isFalse();
        assertThat(dump()).doesNotContain(KEPT_PHRASE);
    }

    @Test
    void replayingTheErasureChangesNothingAndAResultDiscardedLaterPurgesItsText() throws Exception {
        erased.command(new EraseDocument());
        projector.apply(erased.events().getLast());
        String afterErasure = dump();

        ProjectionResult replay = projector.apply(erased.events());

        assertThat(replay.applied()).isZero();
        assertThat(dump()).isEqualTo(afterErasure);

        // an OCR job in flight at erasure wrote its text; the pipeline discarded the result
        String lateText = blobs.putText("late OCR " + ERASED_PHRASE).ref().value();
        erased.result(new OcrSucceeded(UUID.randomUUID(), erased.documentId, Instant.now(), lateText, 9, "t", "5"));
        projector.apply(erased.events().getLast());
        assertThat(blobs.exists(BlobRef.parse(lateText))).isFalse();
    }

    @Test
    void theRebuiltReadModelEqualsTheLiveOneForErasedAndKeptDocuments() {
        erased.command(new EraseDocument());
        projector.apply(erased.events().getLast());
        String live = table();

        projector.clear();
        projector.apply(Stream.concat(erased.events().stream(), kept.events().stream()).toList());

        assertThat(table()).isEqualTo(live);
        assertThat(table()).doesNotContain(ERASED_PHRASE).contains(KEPT_PHRASE);
    }

    @Test
    void anErasureWaitingBehindAMissingEventStripsTheRowAndTheParkedEvents() {
        EventHistory waiting = reviewed("Waldkauz-Heft-Paula", erasedText);
        List<RecordedEvent> events = waiting.events();
        projector.apply(events.subList(0, 2));
        waiting.command(new EraseDocument());
        List<RecordedEvent> all = waiting.events();
        // events 3.. arrive, but not event 3 itself: the rest (the review, the erasure) is parked
        projector.apply(all.subList(3, all.size()));

        assertThat(dump()).doesNotContain("Waldkauz");
        assertThat(fields.keys().exists(waiting.documentId)).isFalse();

        projector.apply(all.get(2));

        DocumentRow row = DocumentQueries.over(dataSource).find(waiting.childId, waiting.documentId).orElseThrow();
        assertThat(row.document().state().name()).isEqualTo("ERASED");
        assertThat(row.version()).isEqualTo(all.size());
        assertThat(dump()).doesNotContain("Waldkauz");
    }

    /** The documents table as PostgreSQL renders it, every column of every row. */
    private String table() {
        return jdbc.sql("SELECT d::text FROM documents d ORDER BY document_id").query(String.class).list().toString();
    }

    /** Every row of every table the purge is responsible for, as text (bytea decoded as UTF-8). */
    private String dump() {
        StringBuilder all = new StringBuilder(table());
        for (String sql : List.of("SELECT convert_from(event, 'UTF8') FROM parked_events",
                "SELECT d::text FROM document_changes d",
                "SELECT coalesce(convert_from(response_body, 'UTF8'), '') FROM idempotency_keys",
                "SELECT k::text FROM document_keys k ORDER BY document_id")) {
            all.append(jdbc.sql(sql).query(String.class).list());
        }
        return all.toString();
    }
}
