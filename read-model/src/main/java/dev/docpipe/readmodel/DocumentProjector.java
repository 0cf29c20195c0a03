package dev.docpipe.readmodel;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.OcrStatus;
import dev.docpipe.model.document.ReviewFields;
import dev.docpipe.model.document.ReviewStatus;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.history.EventOrder;
import dev.docpipe.model.history.FoldStep;
import dev.docpipe.model.history.GapPolicy;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.personaldata.SealedValueException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds {@link RecordedEvent}s into the {@code documents} table with {@link Document#evolve}, the
 * same fold the pipeline uses, so a row always equals the aggregate at its version.
 *
 * <p>Idempotent and order-safe, classified by {@link EventOrder} with {@link GapPolicy#HOLD}: an event is
 * applied only to a row at exactly {@code version - 1} (or to no row, for version 1), so a row is always a
 * prefix of its document's log. An event the row already reflects is a duplicate and skipped. An event further
 * ahead (an earlier one is missing: dead-lettered by this reader, delivered late) is <em>parked</em> in
 * {@code parked_events}; when the missing event arrives (a replay from the DLQ, a redelivery), the parked ones
 * that now follow are folded in the same transaction. So no gap freezes a row: the row reaches the fold of
 * the log as soon as the log has the missing event, and {@link #refold} rebuilds one row from the log on
 * demand. The write itself is guarded too ({@code ... ON CONFLICT DO UPDATE ... WHERE documents.version <
 * EXCLUDED.version}), so two projectors racing (the live one and a rebuild) can never move a row backwards.
 * Re-reading the topic from the start therefore yields identical rows: every column comes from the events,
 * none from the clock.
 *
 * <p>Every applied event is also recorded in the child's change log and announced, in the same transaction
 * ({@link DocumentChangeLog}).
 *
 * <p>Personal fields arrive sealed (docs/decisions/0012): each event is folded with them opened
 * ({@link PersonalFields#open}), so the rows hold plain text the API serves and erasure can delete, while parked
 * events keep the bytes of the log. A field whose document has no key any more opens as null, so a rebuild from
 * the log gives an erased document the same row as the live projector. {@code DocumentErased} also runs the
 * {@link ErasurePurge}: in this transaction, and for the blobs after it commits (before the caller commits its
 * offsets), so a crash anywhere in between is repaired by the redelivery.
 */
public final class DocumentProjector {
    private static final Logger log = LoggerFactory.getLogger(DocumentProjector.class);
    private static final GapPolicy GAPS = GapPolicy.HOLD;

    private static final String SELECT_FOR_UPDATE = """
            SELECT aggregate, created_at, updated_at, last_event_id
              FROM documents WHERE document_id IN (:ids) FOR UPDATE""";

    private static final String UPSERT = """
            INSERT INTO documents (document_id, child_id, owner, state, version, review_version, scan_attempt,
                                   ocr_attempt, file, scan, ocr, review, text_ref, last_failure, aggregate,
                                   last_event_id, created_at, updated_at)
            VALUES (:documentId, :childId, :owner, :state, :version, :reviewVersion, :scanAttempt,
                    :ocrAttempt, :file::jsonb, :scan::jsonb, :ocr::jsonb, :review::jsonb, :textRef, :lastFailure,
                    :aggregate::jsonb, :lastEventId, :createdAt, :updatedAt)
            ON CONFLICT (document_id) DO UPDATE SET
                state = EXCLUDED.state, version = EXCLUDED.version, review_version = EXCLUDED.review_version,
                scan_attempt = EXCLUDED.scan_attempt, ocr_attempt = EXCLUDED.ocr_attempt, file = EXCLUDED.file,
                scan = EXCLUDED.scan, ocr = EXCLUDED.ocr, review = EXCLUDED.review, text_ref = EXCLUDED.text_ref,
                last_failure = EXCLUDED.last_failure, aggregate = EXCLUDED.aggregate,
                last_event_id = EXCLUDED.last_event_id, updated_at = EXCLUDED.updated_at
            WHERE documents.version < EXCLUDED.version""";

    private static final String PARK = """
            INSERT INTO parked_events (document_id, version, event) VALUES (:documentId, :version, :event)
            ON CONFLICT (document_id, version) DO NOTHING""";

    private static final String STRIP = """
            UPDATE documents SET file = :file::jsonb, ocr = :ocr::jsonb, review = :review::jsonb, text_ref = NULL,
                                 aggregate = :aggregate::jsonb
             WHERE document_id = :documentId""";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final DocumentChangeLog changeLog;
    private final PersonalFields personalFields;
    private final ErasurePurge purge;

    /**
     * @param personalFields opens sealed fields; its keys are the ones erasure deletes
     * @param blobs deletes an erased document's blobs; null leaves them to another projector (a rebuild next to
     *     the live one, which deletes them itself)
     */
    public DocumentProjector(JdbcClient jdbc, TransactionOperations transactions, PersonalFields personalFields,
            ErasedBlobs blobs) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.changeLog = new DocumentChangeLog(jdbc);
        this.personalFields = personalFields;
        this.purge = new ErasurePurge(jdbc, personalFields.keys(), blobs);
    }

    /** Standalone use (replay tooling): its own transaction manager over {@code dataSource}. */
    public static DocumentProjector over(DataSource dataSource, PersonalFields personalFields, ErasedBlobs blobs) {
        return new DocumentProjector(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), personalFields, blobs);
    }

    public ProjectionResult apply(RecordedEvent event) {
        return apply(List.of(event));
    }

    /**
     * Applies events in the given order, in one transaction. Events of different documents may be
     * interleaved in any way; a document's own events should come in the order the topic has them (any other
     * order is repaired by parking, at the cost of a write per early event).
     */
    public ProjectionResult apply(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return ProjectionResult.NONE;
        }
        ErasurePurge.Erasures erasures = new ErasurePurge.Erasures();
        ProjectionResult result = transactions.execute(status -> applyInTransaction(events, erasures));
        purge.afterCommit(erasures);
        return result == null ? ProjectionResult.NONE : result;
    }

    /**
     * What {@link #refold} did.
     *
     * @param versionBefore the row's version before (0: no row)
     * @param versionAfter the row's version after (0: no row, e.g. the log has no readable registration)
     * @param rowAhead the row was ahead of the events given (a projector applied newer ones meanwhile): untouched
     */
    public record Refold(UUID documentId, long versionBefore, long versionAfter, boolean rowAhead,
            ProjectionResult result) {}

    /**
     * Rebuilds one document's row from its events as read from {@code docpipe.events} (in any order; duplicates
     * and other documents' events are ignored): the row, and its parked events, become exactly the fold of
     * those events. One transaction, under the row's lock; a row already past the newest event given is left
     * alone, so a refold never undoes what the live projector applied after the log was read.
     */
    public Refold refold(UUID documentId, List<RecordedEvent> logEvents) {
        List<RecordedEvent> events = logEvents.stream().filter(e -> e.documentId().equals(documentId))
                .sorted(Comparator.comparingLong(RecordedEvent::version)).toList();
        long logVersion = events.isEmpty() ? 0 : events.getLast().version();
        ErasurePurge.Erasures erasures = new ErasurePurge.Erasures();
        Refold refold = transactions.execute(status -> {
            // The version column, not the aggregate: a row whose aggregate cannot be read is one to repair.
            long before = jdbc.sql("SELECT version FROM documents WHERE document_id = :id FOR UPDATE")
                    .param("id", documentId).query(Long.class).optional().orElse(0L);
            if (before > logVersion) {
                return new Refold(documentId, before, before, true, ProjectionResult.NONE);
            }
            jdbc.sql("DELETE FROM parked_events WHERE document_id = :id").param("id", documentId).update();
            jdbc.sql("DELETE FROM documents WHERE document_id = :id").param("id", documentId).update();
            ProjectionResult result = events.isEmpty() ? ProjectionResult.NONE
                    : applyInTransaction(events, erasures);
            long after = jdbc.sql("SELECT version FROM documents WHERE document_id = :id").param("id", documentId)
                    .query(Long.class).optional().orElse(0L);
            return new Refold(documentId, before, after, false, result);
        });
        purge.afterCommit(erasures);
        return refold;
    }

    /** Empties the read model (before a rebuild). */
    public void clear() {
        jdbc.sql("TRUNCATE documents, parked_events").update();
    }

    /** Counts and changed rows of one transaction. */
    private static final class Batch {
        final Map<UUID, DocumentRow> rows = new LinkedHashMap<>();
        final Set<UUID> withParked = new HashSet<>();
        final Set<UUID> changed = new LinkedHashSet<>();
        /** Every applied event, for the change log (positions are given when recorded). */
        final List<DocumentChange> changes = new ArrayList<>();
        int applied;
        int duplicates;
        int gaps;
        int invalid;
        int unparked;
    }

    private ProjectionResult applyInTransaction(List<RecordedEvent> events, ErasurePurge.Erasures erasures) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.documentId()));
        Batch batch = new Batch();
        // Sorted ids keep the lock order stable between concurrent projectors.
        List<UUID> sorted = ids.stream().sorted().toList();
        jdbc.sql(SELECT_FOR_UPDATE).param("ids", sorted).query(DocumentProjector::row).list()
                .forEach(row -> batch.rows.put(row.documentId(), row));
        batch.withParked.addAll(jdbc.sql("SELECT DISTINCT document_id FROM parked_events WHERE document_id IN (:ids)")
                .param("ids", sorted).query(UUID.class).list());

        for (RecordedEvent event : events) {
            erasures.note(event);
            fold(batch, event);
        }
        int written = 0;
        for (UUID id : batch.changed) {
            written += write(batch.rows.get(id));
        }
        changeLog.record(batch.changes);
        for (UUID id : erasures.documents) {
            DocumentRow row = batch.rows.get(id);
            if (row != null && !row.document().isErased()) {
                // DocumentErased is parked behind a missing event: the row waits, without its personal data
                strip(row.document());
            }
        }
        purge.inTransaction(erasures);
        return new ProjectionResult(batch.applied, batch.duplicates, batch.gaps, batch.invalid, written,
                batch.unparked);
    }

    private void fold(Batch batch, RecordedEvent event) {
        if (fold(batch, event, false) && batch.withParked.contains(event.documentId())) {
            unpark(batch, event.documentId());
        }
    }

    /** @return whether the event was applied */
    private boolean fold(Batch batch, RecordedEvent event, boolean fromParking) {
        DocumentRow row = batch.rows.get(event.documentId());
        RecordedEvent opened;
        try {
            // A wrong KEK (KeyEncryptionKeyException) is not caught: it stops the projection, nothing is written.
            opened = personalFields.open(event);
        } catch (SealedValueException e) {
            // an altered record: refused like any event the fold cannot take, never projected half-read
            batch.invalid++;
            log.warn("event {} ({}) of document {} cannot be folded: {}", event.eventId(), event.type(),
                    event.documentId(), e.getMessage());
            return false;
        }
        FoldStep step = EventOrder.fold(row == null ? null : row.document(), opened, GAPS);
        switch (step.kind()) {
            case DUPLICATE -> batch.duplicates++;
            case GAP_HELD -> {
                batch.gaps++;
                log.warn("event {} of document {} has version {}, but the read model is at {}: parked until the"
                        + " missing event arrives", event.eventId(), event.documentId(), event.version(),
                        row == null ? 0 : row.version());
                if (!fromParking) {
                    park(event);
                    batch.withParked.add(event.documentId());
                }
            }
            case INVALID -> {
                batch.invalid++;
                log.warn("event {} ({}) of document {} cannot be folded: {}", event.eventId(), event.type(),
                        event.documentId(), step.error());
            }
            case APPLIED, GAP_FOLDED_OVER -> {
                Instant createdAt = row == null ? event.occurredAt() : row.createdAt();
                batch.rows.put(event.documentId(),
                        new DocumentRow(step.document(), createdAt, event.occurredAt(), event.eventId()));
                batch.changed.add(event.documentId());
                batch.changes.add(new DocumentChange(step.document().childId(), 0, event.documentId(),
                        step.document().version(), step.document().state().name(), event.type(),
                        event.occurredAt()));
                batch.applied++;
                return true;
            }
        }
        return false;
    }

    /** Folds the parked events that now follow the row, in version order, and forgets those it has passed. */
    private void unpark(Batch batch, UUID documentId) {
        List<RecordedEvent> waiting = jdbc.sql("SELECT event FROM parked_events WHERE document_id = :id"
                        + " AND version > :version ORDER BY version")
                .param("id", documentId).param("version", batch.rows.get(documentId).version())
                .query((rs, n) -> parked(rs.getBytes("event"))).list();
        for (RecordedEvent event : waiting) {
            if (event == null) {
                break;
            }
            long version = batch.rows.get(documentId).version();
            if (event.version() != version + 1) {
                break; // still a gap: the rest waits for the next missing event
            }
            if (fold(batch, event, true)) {
                batch.unparked++;
            }
        }
        jdbc.sql("DELETE FROM parked_events WHERE document_id = :id AND version <= :version")
                .param("id", documentId).param("version", batch.rows.get(documentId).version()).update();
        if (jdbc.sql("SELECT count(*) FROM parked_events WHERE document_id = :id")
                .param("id", documentId).query(Long.class).single() == 0) {
            batch.withParked.remove(documentId);
        }
    }

    /** A parked event this version cannot read any more (null) waits, like the gap it is, for a refold. */
    static RecordedEvent parked(byte[] bytes) {
        try {
            return ModelJson.EVENTS.decode(bytes);
        } catch (RuntimeException e) {
            log.warn("a parked event cannot be read any more: {}", e.getMessage());
            return null;
        }
    }

    private void park(RecordedEvent event) {
        jdbc.sql(PARK).param("documentId", event.documentId()).param("version", event.version())
                .param("event", ModelJson.EVENTS.encode(event)).update();
    }

    private int write(DocumentRow row) {
        Document d = row.document();
        return jdbc.sql(UPSERT)
                .param("documentId", d.documentId())
                .param("childId", d.childId())
                .param("owner", d.owner())
                .param("state", d.state().name())
                .param("version", d.version())
                .param("reviewVersion", d.review().version())
                .param("scanAttempt", d.scan().attempt())
                .param("ocrAttempt", d.ocr().attempt())
                .param("file", json(d.file()))
                .param("scan", d.scan().report() == null ? null : json(d.scan().report()))
                .param("ocr", json(d.ocr()))
                .param("review", json(d.review().fields()))
                .param("textRef", d.ocr().textRef())
                .param("lastFailure", d.lastFailure())
                .param("aggregate", json(d))
                .param("lastEventId", row.lastEventId())
                .param("createdAt", utc(row.createdAt()))
                .param("updatedAt", utc(row.updatedAt()))
                .update();
    }

    /** The row of a document whose erasure waits behind a gap, without its personal data. */
    private void strip(Document d) {
        FileRef file = d.file() == null ? null
                : new FileRef(d.file().blobRef(), d.file().contentType(), d.file().sizeBytes(), null);
        Document stripped = new Document(d.documentId(), d.childId(), d.owner(), file, d.state(), d.version(),
                d.scan(), withoutText(d.ocr()), new ReviewStatus(d.review().version(), ReviewFields.EMPTY),
                d.currentJob(), d.lastFailure(), d.formerTextRefs());
        jdbc.sql(STRIP)
                .param("documentId", d.documentId())
                .param("file", json(stripped.file()))
                .param("ocr", json(stripped.ocr()))
                .param("review", json(stripped.review().fields()))
                .param("aggregate", json(stripped))
                .update();
    }

    private static OcrStatus withoutText(OcrStatus o) {
        return new OcrStatus(o.attempt(), o.engine(), o.engineVersion(), o.requestedEngineVersion(), null,
                o.textLength(), o.lastRequestFailed(), o.reprocessedFrom());
    }

    static DocumentRow row(ResultSet rs, int rowNum) throws SQLException {
        Document document = ModelJson.read(rs.getString("aggregate").getBytes(StandardCharsets.UTF_8), Document.class);
        return new DocumentRow(document,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_event_id", UUID.class));
    }

    private static String json(Object value) {
        return new String(ModelJson.write(value), StandardCharsets.UTF_8);
    }

    /** PostgreSQL keeps microseconds and rounds the rest; truncating first makes the stored value predictable. */
    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** For tests and tools that want every row, in a stable order. */
    public List<DocumentRow> all() {
        return new ArrayList<>(jdbc.sql("SELECT aggregate, created_at, updated_at, last_event_id FROM documents"
                + " ORDER BY document_id").query(DocumentProjector::row).list());
    }
}
