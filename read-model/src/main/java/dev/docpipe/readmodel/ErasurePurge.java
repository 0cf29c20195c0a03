package dev.docpipe.readmodel;

import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.PersonalFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the projector destroys when a document is erased (docs/decisions/0012, "who does what"): in the
 * projection's own transaction the document's data key, the personal data of its parked events and the stored
 * response bodies of its Idempotency-Key records (its read-model row loses its personal columns by the fold of
 * {@code DocumentErased} itself); after the commit, its blobs, unless a document that is not erased still
 * references the same content. Every step finds nothing to do the second time, so the redelivery of a batch that
 * crashed anywhere in between (the offsets are committed last) finishes the job. The change log
 * ({@code document_changes}) holds no personal data: ids, versions, states, event types and times.
 */
final class ErasurePurge {
    private static final Logger log = LoggerFactory.getLogger(ErasurePurge.class);

    private static final String STILL_REFERENCED = """
            SELECT count(*) FROM documents
             WHERE state <> 'ERASED'
               AND (file ->> 'blobRef' = :ref OR text_ref = :ref
                    OR aggregate -> 'formerTextRefs' @> jsonb_build_array(CAST(:ref AS text)))""";

    private final JdbcClient jdbc;
    private final DataKeys keys;
    private final ErasedBlobs blobs;

    /** @param blobs null: blobs are left to another purge (a rebuild, whose live projector deletes them) */
    ErasurePurge(JdbcClient jdbc, DataKeys keys, ErasedBlobs blobs) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.blobs = blobs;
    }

    /** The erasures a batch of events asks for. */
    static final class Erasures {
        final Set<UUID> documents = new LinkedHashSet<>();
        final Set<String> blobRefs = new LinkedHashSet<>();

        /** Notes an erasure whatever became of the event in the fold (applied, a duplicate, parked). */
        void note(RecordedEvent event) {
            switch (event.event()) {
                case DocumentErased e -> {
                    documents.add(event.documentId());
                    blobRefs.addAll(e.blobRefs());
                }
                case ErasedDocumentResultDiscarded e when e.textRef() != null -> blobRefs.add(e.textRef());
                default -> { }
            }
        }

        boolean isEmpty() {
            return documents.isEmpty() && blobRefs.isEmpty();
        }
    }

    /** The database part, inside the projection's transaction (after the events are folded). */
    void inTransaction(Erasures erasures) {
        if (erasures.documents.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(erasures.documents);
        ids.forEach(keys::delete);
        stripParkedEvents(ids);
        if (idempotencyRecordsKnowTheirDocument()) {
            jdbc.sql("UPDATE idempotency_keys SET response_body = NULL"
                            + " WHERE document_id IN (:ids) AND response_body IS NOT NULL")
                    .param("ids", ids).update();
        }
        log.info("erased the personal data of {} document(s) in the read model: {}", ids.size(), ids);
    }

    /**
     * Parked events of an erased document wait for an earlier event that has not arrived; they stay (the row
     * must still reach ERASED when it does) but keep nothing personal, sealed or not.
     */
    private void stripParkedEvents(List<UUID> ids) {
        List<Parked> parked = jdbc.sql("SELECT document_id, version, event FROM parked_events"
                        + " WHERE document_id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> new Parked(rs.getObject("document_id", UUID.class), rs.getLong("version"),
                        rs.getBytes("event")))
                .list();
        for (Parked p : parked) {
            RecordedEvent event = DocumentProjector.parked(p.bytes());
            if (event == null) {
                // unreadable by this version: a refold from the log brings it back, stripped by then
                jdbc.sql("DELETE FROM parked_events WHERE document_id = :id AND version = :version")
                        .param("id", p.documentId()).param("version", p.version()).update();
            } else {
                jdbc.sql("UPDATE parked_events SET event = :event WHERE document_id = :id AND version = :version")
                        .param("event", ModelJson.EVENTS.encode(PersonalFields.strip(event)))
                        .param("id", p.documentId()).param("version", p.version()).update();
            }
        }
    }

    private record Parked(UUID documentId, long version, byte[] bytes) {}

    /**
     * The API's table (api-service's migrations): absent where the read model lives alone (the operator tool's
     * tests, a database of its own), and without the column before api-service's V4.
     */
    private boolean idempotencyRecordsKnowTheirDocument() {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_attribute
                         WHERE attrelid = to_regclass('idempotency_keys') AND attname = 'document_id'
                           AND NOT attisdropped""")
                .query(Long.class).single() > 0;
    }

    /** After the commit, before the offsets: drops cached keys, deletes the blobs no live document shares. */
    void afterCommit(Erasures erasures) {
        keys.forget(erasures.documents);
        if (blobs == null) {
            return;
        }
        for (String ref : erasures.blobRefs) {
            long users = jdbc.sql(STILL_REFERENCED).param("ref", ref).query(Long.class).single();
            if (users > 0) {
                log.info("blob {} of an erased document stays: {} other document(s) still use it", ref, users);
                continue;
            }
            try {
                blobs.delete(ref);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete blob " + ref + " of an erased document", e);
            }
        }
    }
}
