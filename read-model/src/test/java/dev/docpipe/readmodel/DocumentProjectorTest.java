package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
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

class DocumentProjectorTest {
    private static PGSimpleDataSource dataSource;
    private static DocumentProjector projector;
    private static DocumentQueries queries;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        PostgresDatabase pg = PostgresDatabase.shared();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_projector_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        projector = TestProjectors.over(dataSource);
        queries = DocumentQueries.over(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    @BeforeEach
    void empty() {
        projector.clear();
    }

    /** Four documents in different states, each with its own event history. */
    private static List<EventHistory> histories() {
        EventHistory pending = EventHistory.registered();
        EventHistory rescanned = EventHistory.registered().scanned().command(new Rescan(1)).scanned();
        EventHistory reviewed = EventHistory.registered().scanned().command(new ConfirmScan()).extracted()
                .command(new EditReview(0, new ReviewPatch("Zeugnis", "Mathe", "de", List.of("a", "b"), null)))
                .command(new EditReview(1, new ReviewPatch(null, null, null, null, "corrected")));
        EventHistory validated = EventHistory.registered().scanned().command(new ConfirmScan()).extracted()
                .command(new ValidateReview(0));
        return List.of(pending, rescanned, reviewed, validated);
    }

    /** Every column of every row, as PostgreSQL renders it: the strictest "identical" there is. */
    private static List<Map<String, Object>> table() {
        return jdbc.sql("SELECT document_id::text, child_id::text, owner, state, version, review_version,"
                        + " scan_attempt, ocr_attempt, file::text, scan::text, ocr::text, review::text, text_ref,"
                        + " last_failure, aggregate::text, last_event_id::text, created_at::text, updated_at::text"
                        + " FROM documents ORDER BY document_id")
                .query().listOfRows();
    }

    @Test
    void rowsEqualTheFoldOfTheEvents() {
        List<EventHistory> histories = histories();
        List<RecordedEvent> all = histories.stream().flatMap(h -> h.events().stream()).toList();

        ProjectionResult result = projector.apply(all);

        assertThat(result.applied()).isEqualTo(all.size());
        assertThat(result.duplicates() + result.gaps() + result.invalid()).isZero();
        for (EventHistory h : histories) {
            DocumentRow row = queries.find(h.childId, h.documentId).orElseThrow();
            assertThat(row.document()).isEqualTo(h.document());
            assertThat(row.createdAt()).isEqualTo(h.events().getFirst().occurredAt().truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
        }
        EventHistory reviewed = histories.get(2);
        Document doc = queries.find(reviewed.childId, reviewed.documentId).orElseThrow().document();
        assertThat(doc.state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(doc.review().version()).isEqualTo(2);
        assertThat(doc.review().fields().title()).isEqualTo("Zeugnis");
        assertThat(doc.review().fields().correctedText()).isEqualTo("corrected");
        // another child's id never finds the document
        assertThat(queries.find(UUID.randomUUID(), reviewed.documentId)).isEmpty();
    }

    @Test
    void sameEventsTwiceInAnyInterleavingGiveIdenticalRows() {
        List<EventHistory> histories = histories();
        projector.apply(histories.stream().flatMap(h -> h.events().stream()).toList());
        List<Map<String, Object>> expected = table();

        for (long seed = 1; seed <= 5; seed++) {
            projector.clear();
            Random random = new Random(seed);
            // Each document's events keep their order (one partition); documents interleave at random,
            // and the whole stream is delivered twice, the second time overlapping the first
            // (a consumer restarted from an older offset), in batches of random size.
            List<RecordedEvent> stream = new ArrayList<>(interleave(histories, random));
            List<RecordedEvent> again = new ArrayList<>(interleave(histories, random));
            stream.addAll(random.nextInt(stream.size()), again);
            int duplicates = 0;
            for (int i = 0; i < stream.size(); ) {
                int n = 1 + random.nextInt(6);
                duplicates += projector.apply(stream.subList(i, Math.min(stream.size(), i + n))).duplicates();
                i += n;
            }
            assertThat(table()).as("seed %d", seed).isEqualTo(expected);
            assertThat(duplicates).isGreaterThanOrEqualTo(again.size() / 2);
        }
    }

    @Test
    void olderEventsAfterNewerOnesChangeNothing() {
        EventHistory h = histories().get(2);
        List<RecordedEvent> events = h.events();
        projector.apply(events);
        List<Map<String, Object>> expected = table();

        List<RecordedEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        for (RecordedEvent e : reversed) {
            assertThat(projector.apply(e).duplicates()).isEqualTo(1);
        }
        assertThat(table()).isEqualTo(expected);
    }

    @Test
    void anEventAfterAGapIsSkippedUntilTheMissingOneArrives() {
        EventHistory h = histories().get(3);
        List<RecordedEvent> events = h.events();
        projector.apply(events.subList(0, 2));

        ProjectionResult skipped = projector.apply(events.subList(3, events.size()));
        assertThat(skipped.gaps()).isEqualTo(events.size() - 3);
        assertThat(queries.version(h.documentId)).hasValue(2);

        // the consumer re-reads from where it had committed: everything lands in order
        projector.apply(events.subList(2, events.size()));
        assertThat(queries.find(h.childId, h.documentId).orElseThrow().document()).isEqualTo(h.document());
    }

    @Test
    void anEventSkippedByTheReaderAndReplayedLaterBringsTheRowToTheFoldOfTheLog() {
        EventHistory h = histories().get(3);
        List<RecordedEvent> events = h.events();
        RecordedEvent deadLettered = events.get(2);
        List<RecordedEvent> delivered = new ArrayList<>(events);
        delivered.remove(deadLettered);
        projector.apply(delivered);
        assertThat(queries.version(h.documentId)).hasValue(2);

        // the DLQ replay appends the missing event to the topic, after all the others
        ProjectionResult replayed = projector.apply(deadLettered);

        assertThat(replayed.applied()).isEqualTo(events.size() - 2);
        assertThat(replayed.unparked()).isEqualTo(events.size() - 3);
        assertThat(queries.find(h.childId, h.documentId).orElseThrow().document()).isEqualTo(h.document());
        assertThat(parkedEvents()).isZero();
        // ... and equals a projection of the log in order, column for column
        List<Map<String, Object>> repaired = table();
        projector.clear();
        projector.apply(events);
        assertThat(table()).isEqualTo(repaired);
    }

    @Test
    void eventsAfterAGapWaitAndFollowAsSoonAsTheGapCloses() {
        EventHistory h = histories().get(2);
        List<RecordedEvent> events = h.events();
        List<RecordedEvent> swapped = new ArrayList<>(events);
        Collections.swap(swapped, 3, 5); // v6 arrives before v4 and v5

        ProjectionResult result = projector.apply(swapped.subList(0, 4));
        assertThat(result.gaps()).isEqualTo(1);
        assertThat(queries.version(h.documentId)).hasValue(3);
        assertThat(parkedEvents()).isEqualTo(1);

        projector.apply(swapped.subList(4, swapped.size()));
        assertThat(queries.find(h.childId, h.documentId).orElseThrow().document()).isEqualTo(h.document());
        assertThat(parkedEvents()).isZero();
    }

    @Test
    void refoldMakesOneRowTheFoldOfItsLogAndLeavesTheOthersAlone() {
        List<EventHistory> histories = histories();
        projector.apply(histories.stream().flatMap(h -> h.events().stream()).toList());
        List<Map<String, Object>> expected = table();
        EventHistory damaged = histories.get(2);
        jdbc.sql("UPDATE documents SET state = 'VALIDATED', version = 3, aggregate = jsonb_set(jsonb_set(aggregate,"
                        + " '{version}', '3'), '{state}', '\"VALIDATED\"') WHERE document_id = ?")
                .param(damaged.documentId).update();
        projector.apply(damaged.events().get(5)); // a later event meets the damaged row: a gap, parked

        // the log as a reader gets it: in any order, with duplicates and other documents' events
        List<RecordedEvent> log = new ArrayList<>(damaged.events());
        log.addAll(damaged.events().subList(0, 3));
        log.addAll(histories.get(1).events());
        Collections.shuffle(log, new Random(7));
        DocumentProjector.Refold refold = projector.refold(damaged.documentId, log);

        assertThat(refold.versionBefore()).isEqualTo(3);
        assertThat(refold.versionAfter()).isEqualTo(damaged.events().size());
        assertThat(refold.rowAhead()).isFalse();
        assertThat(table()).isEqualTo(expected);
        assertThat(parkedEvents()).isZero();

        // a row past the log read (the live projector applied newer events meanwhile) is left alone
        DocumentProjector.Refold stale = projector.refold(damaged.documentId, damaged.events().subList(0, 4));
        assertThat(stale.rowAhead()).isTrue();
        assertThat(table()).isEqualTo(expected);
        // a document the log does not have (any more) has no row
        assertThat(projector.refold(UUID.randomUUID(), log).versionAfter()).isZero();
    }

    private static long parkedEvents() {
        return jdbc.sql("SELECT count(*) FROM parked_events").query(Long.class).single();
    }

    @Test
    void aDocumentWhoseFirstEventIsMissingGetsNoRow() {
        EventHistory h = histories().get(1);
        ProjectionResult result = projector.apply(h.events().subList(1, h.events().size()));
        assertThat(result.gaps()).isEqualTo(h.events().size() - 1);
        assertThat(queries.version(h.documentId)).isEmpty();
    }

    @Test
    void pagesAreStableNewestFirst() {
        UUID child = UUID.randomUUID();
        List<RecordedEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            EventHistory h = EventHistory.registered();
            // same child, and all created at the same instant: the document id breaks the tie
            h.events().stream().map(e -> new RecordedEvent(e.eventId(), e.documentId(), e.version(),
                    events.isEmpty() ? e.occurredAt() : events.getFirst().occurredAt(), e.causationId(),
                    e.event() instanceof dev.docpipe.model.event.DocumentRegistered r
                            ? new dev.docpipe.model.event.DocumentRegistered(child, r.owner(), r.file())
                            : e.event()))
                    .forEach(events::add);
        }
        projector.apply(events);
        List<UUID> seen = new ArrayList<>();
        for (int p = 0; ; p++) {
            DocumentQueries.Page page = queries.page(child, p, 3);
            page.items().forEach(r -> seen.add(r.documentId()));
            if (!page.hasNext()) {
                break;
            }
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        // PostgreSQL orders uuids by their unsigned bytes, which is the order of their hex strings
        assertThat(seen.stream().map(UUID::toString).toList()).isSortedAccordingTo(Collections.reverseOrder());
        assertThat(queries.page(child, 5, 3).items()).isEmpty();
    }

    @Test
    void theAggregateSurvivesItsJsonRoundTrip() {
        for (EventHistory h : histories()) {
            Document d = h.document();
            assertThat(ModelJson.read(ModelJson.write(d), Document.class)).isEqualTo(d);
        }
    }

    private static List<RecordedEvent> interleave(List<EventHistory> histories, Random random) {
        List<List<RecordedEvent>> queues = new ArrayList<>();
        histories.forEach(h -> queues.add(new ArrayList<>(h.events())));
        List<RecordedEvent> out = new ArrayList<>();
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            List<RecordedEvent> q = queues.get(random.nextInt(queues.size()));
            if (!q.isEmpty()) {
                out.add(q.removeFirst());
            }
        }
        return out;
    }
}
