package dev.docpipe.readmodel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-child log of document changes ({@code document_changes}) and its PostgreSQL notifications: the one owner
 * of both. {@link DocumentProjector} records the changes it applies in its own transaction and fires
 * {@value #CHANNEL} from it, so a listener is told only after the change is committed and readable, on every API
 * instance whichever instance projected it.
 *
 * <p>A notification's payload is one or more {@code childId documentId version} triples separated by {@code |}
 * (see {@link #parse}); PostgreSQL limits a payload to 8000 bytes, so a transaction with many changes sends several.
 */
public final class DocumentChangeLog {
    /** The LISTEN/NOTIFY channel. */
    public static final String CHANNEL = "docpipe_document_changes";

    /** Stays well below PostgreSQL's 8000-byte payload limit. */
    private static final int MAX_PAYLOAD = 7000;

    private static final String ALLOCATE = """
            INSERT INTO document_change_heads (child_id, position) VALUES (:child, :count)
            ON CONFLICT (child_id) DO UPDATE SET position = document_change_heads.position + EXCLUDED.position
            RETURNING position""";

    private static final String INSERT =
            "INSERT INTO document_changes (child_id, position, document_id, version, state, event_type, changed_at)"
                    + " VALUES ";
    /** Rows per INSERT statement: one round trip per batch, far below PostgreSQL's bind-parameter limit. */
    private static final int ROWS_PER_INSERT = 500;

    private final JdbcClient jdbc;

    public DocumentChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static DocumentChangeLog over(DataSource dataSource) {
        return new DocumentChangeLog(JdbcClient.create(dataSource));
    }

    /** A change a notification announces: the document reached {@code version}. */
    public record Notice(UUID childId, UUID documentId, long version) {}

    /**
     * The changes of {@code childId} after {@code position}, in order, at most {@code limit}.
     */
    public List<DocumentChange> after(UUID childId, long position, int limit) {
        return jdbc.sql("""
                        SELECT child_id, position, document_id, version, state, event_type, changed_at
                          FROM document_changes WHERE child_id = :child AND position > :position
                         ORDER BY position LIMIT :limit""")
                .param("child", childId)
                .param("position", position)
                .param("limit", limit)
                .query((rs, n) -> new DocumentChange(rs.getObject("child_id", UUID.class), rs.getLong("position"),
                        rs.getObject("document_id", UUID.class), rs.getLong("version"), rs.getString("state"),
                        rs.getString("event_type"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The position of the child's latest change (0: none yet). */
    public long head(UUID childId) {
        return jdbc.sql("SELECT position FROM document_change_heads WHERE child_id = :child")
                .param("child", childId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * Records changes and notifies {@value #CHANNEL}; call inside the transaction that applied them. Children are
     * locked in id order (after the documents the caller locked), so concurrent projectors cannot deadlock here.
     */
    void record(List<DocumentChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<UUID, List<DocumentChange>> byChild = new TreeMap<>();
        for (DocumentChange change : changes) {
            byChild.computeIfAbsent(change.childId(), c -> new ArrayList<>()).add(change);
        }
        List<Object[]> rows = new ArrayList<>(changes.size());
        Map<UUID, DocumentChange> latest = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<DocumentChange>> child : byChild.entrySet()) {
            List<DocumentChange> ofChild = child.getValue();
            long last = jdbc.sql(ALLOCATE).param("child", child.getKey()).param("count", (long) ofChild.size())
                    .query(Long.class).single();
            long position = last - ofChild.size();
            for (DocumentChange change : ofChild) {
                position++;
                rows.add(new Object[] {change.childId(), position, change.documentId(), change.version(),
                        change.state(), change.eventType(),
                        OffsetDateTime.ofInstant(change.changedAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)});
                latest.put(change.documentId(), change);
            }
        }
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            insert(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)));
        }
        notify(latest.values());
    }

    private void insert(List<Object[]> rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        List<Object> params = new ArrayList<>(rows.size() * 7);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
            params.addAll(List.of(rows.get(i)));
        }
        sql.append(" ON CONFLICT (document_id, version) DO NOTHING");
        jdbc.sql(sql.toString()).params(params).update();
    }

    private void notify(Iterable<DocumentChange> latest) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (DocumentChange change : latest) {
            String notice = change.childId() + " " + change.documentId() + " " + change.version();
            if (!payload.isEmpty() && payload.length() + 1 + notice.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            if (!payload.isEmpty()) {
                payload.append('|');
            }
            payload.append(notice);
        }
        payloads.add(payload.toString());
        for (String p : payloads) {
            jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", p)
                    .query().singleValue();
        }
    }

    /** The notices in a notification's payload; malformed parts are skipped. */
    public static List<Notice> parse(String payload) {
        List<Notice> notices = new ArrayList<>();
        if (payload == null || payload.isEmpty()) {
            return notices;
        }
        for (String part : payload.split("\\|")) {
            String[] fields = part.split(" ");
            if (fields.length != 3) {
                continue;
            }
            try {
                notices.add(new Notice(UUID.fromString(fields[0]), UUID.fromString(fields[1]),
                        Long.parseLong(fields[2])));
            } catch (IllegalArgumentException e) {
                // a payload of another release: ignore what cannot be read, the listener re-reads anyway
            }
        }
        return notices;
    }
}
