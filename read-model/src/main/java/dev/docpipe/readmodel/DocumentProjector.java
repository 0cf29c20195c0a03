package dev.docpipe.readmodel;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * <p>Idempotent and order-safe: an event is applied only to a row at exactly {@code version - 1}
 * (or to no row, for version 1). An event the row already reflects is a duplicate, an event further
 * ahead is a gap; both are skipped and counted. The write itself is guarded too
 * ({@code ... ON CONFLICT DO UPDATE ... WHERE documents.version < EXCLUDED.version}), so two
 * projectors racing (the live one and a rebuild) can never move a row backwards. Re-reading the topic
 * from the start therefore yields identical rows: every column comes from the events, none from the
 * clock.
 */
public final class DocumentProjector {
    private static final Logger log = LoggerFactory.getLogger(DocumentProjector.class);

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

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    public DocumentProjector(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Standalone use (replay tooling): its own transaction manager over {@code dataSource}. */
    public static DocumentProjector over(DataSource dataSource) {
        return new DocumentProjector(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    public ProjectionResult apply(RecordedEvent event) {
        return apply(List.of(event));
    }

    /**
     * Applies events in the given order, in one transaction. Events of different documents may be
     * interleaved in any way; a document's own events must come in the order the topic has them.
     */
    public ProjectionResult apply(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return ProjectionResult.NONE;
        }
        ProjectionResult result = transactions.execute(status -> applyInTransaction(events));
        return result == null ? ProjectionResult.NONE : result;
    }

    /** Empties the read model (before a rebuild). */
    public void clear() {
        jdbc.sql("TRUNCATE documents").update();
    }

    private ProjectionResult applyInTransaction(List<RecordedEvent> events) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.documentId()));
        Map<UUID, DocumentRow> current = new LinkedHashMap<>();
        // Sorted ids keep the lock order stable between concurrent projectors.
        List<UUID> sorted = ids.stream().sorted().toList();
        jdbc.sql(SELECT_FOR_UPDATE).param("ids", sorted).query(DocumentProjector::row).list()
                .forEach(row -> current.put(row.documentId(), row));

        Set<UUID> changed = new LinkedHashSet<>();
        int applied = 0;
        int duplicates = 0;
        int gaps = 0;
        int invalid = 0;
        for (RecordedEvent event : events) {
            DocumentRow row = current.get(event.documentId());
            long version = row == null ? 0 : row.version();
            if (event.version() <= version) {
                duplicates++;
                continue;
            }
            if (event.version() != version + 1) {
                gaps++;
                log.warn("event {} of document {} has version {}, but the read model is at {}: skipped (gap)",
                        event.eventId(), event.documentId(), event.version(), version);
                continue;
            }
            Document next;
            try {
                next = Document.evolve(row == null ? null : row.document(), event.documentId(), event.event());
            } catch (RuntimeException e) {
                invalid++;
                log.warn("event {} ({}) of document {} cannot be folded: {}", event.eventId(), event.type(),
                        event.documentId(), e.getMessage());
                continue;
            }
            Instant createdAt = row == null ? event.occurredAt() : row.createdAt();
            current.put(event.documentId(), new DocumentRow(next, createdAt, event.occurredAt(), event.eventId()));
            changed.add(event.documentId());
            applied++;
        }
        int written = 0;
        for (UUID id : changed) {
            written += write(current.get(id));
        }
        return new ProjectionResult(applied, duplicates, gaps, invalid, written);
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
