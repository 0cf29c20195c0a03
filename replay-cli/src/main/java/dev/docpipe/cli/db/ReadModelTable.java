package dev.docpipe.cli.db;

import dev.docpipe.cli.CliException;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The CLI's knowledge of the read model's table beyond read-model's public API: its name and the columns
 * the projector fills (db/readmodel/V1__documents.sql). Kept in this one class so a schema change touches
 * one place.
 */
public final class ReadModelTable {
    /** The table the projector writes and the API reads (unqualified: found through the search_path). */
    public static final String TABLE = "documents";

    private static final String COLUMNS = "document_id, child_id, owner, state, version, review_version, "
            + "scan_attempt, ocr_attempt, text_ref, last_failure, aggregate::text AS aggregate, last_event_id, "
            + "created_at, updated_at";

    private ReadModelTable() {}

    /** The schema holding the live {@code documents} table (as the search_path resolves it), if there is one. */
    public static Optional<String> liveSchema(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT n.nspname FROM pg_class t "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = to_regclass(?)")) {
            s.setString(1, TABLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static String requireLiveSchema(Database db) {
        try (Connection c = db.connection()) {
            return liveSchema(c).orElseThrow(() -> CliException.usage("no read model table '" + TABLE + "' in "
                    + db.url() + " (start the api-service once, or check --db-url)"));
        } catch (SQLException e) {
            throw new CliException(2, "PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Streams every row (server-side cursor), in document id order. */
    public static long forEach(Database db, String schema, Consumer<ReadModelRow> handler) throws SQLException {
        return stream(db, "SELECT " + COLUMNS + " FROM " + Sql.table(schema, TABLE) + " ORDER BY document_id",
                s -> { }, handler);
    }

    /** The rows of some documents (missing ones are simply absent). */
    public static List<ReadModelRow> rows(Database db, String schema, Collection<UUID> ids) throws SQLException {
        List<ReadModelRow> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + Sql.table(schema, TABLE)
                        + " WHERE document_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    /** Rows of documents registered (first event) in {@code [from, until)}, in document id order. */
    public static long forEachRegistered(Database db, String schema, Instant from, Instant until,
            Consumer<ReadModelRow> handler) throws SQLException {
        return stream(db, "SELECT " + COLUMNS + " FROM " + Sql.table(schema, TABLE)
                + " WHERE created_at >= ? AND created_at < ? ORDER BY document_id", s -> {
                    s.setObject(1, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
                    s.setObject(2, OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC));
                }, handler);
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** A read-only transaction with a fetch size: PostgreSQL then streams through a cursor, not all rows at once. */
    private static long stream(Database db, String sql, Parameters parameters, Consumer<ReadModelRow> handler)
            throws SQLException {
        long count = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                parameters.set(s);
                s.setFetchSize(2000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        handler.accept(row(rs));
                        count++;
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return count;
    }

    private static ReadModelRow row(ResultSet rs) throws SQLException {
        Document aggregate = null;
        String error = null;
        String json = rs.getString("aggregate");
        try {
            aggregate = ModelJson.read(json.getBytes(StandardCharsets.UTF_8), Document.class);
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        return new ReadModelRow(
                rs.getObject("document_id", UUID.class),
                rs.getObject("child_id", UUID.class),
                rs.getString("owner"),
                rs.getString("state"),
                rs.getLong("version"),
                rs.getLong("review_version"),
                rs.getInt("scan_attempt"),
                rs.getInt("ocr_attempt"),
                rs.getString("text_ref"),
                rs.getString("last_failure"),
                aggregate,
                error,
                rs.getObject("last_event_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
