package dev.docpipe.readmodel;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The read model's table layout, for tools that work on the tables as such (the operator tool's rebuild into a
 * staging schema and swap, its audit): the table names and the queries over every row, in whichever schema a
 * copy of the tables lives. The one owner of that knowledge besides the migrations ({@code db/readmodel}).
 */
public final class ReadModelTable {
    /** The table the projector writes and the API reads (unqualified: found through the search_path). */
    public static final String TABLE = "documents";
    /** Events waiting for a missing earlier one (see {@link DocumentProjector}). */
    public static final String PARKED = "parked_events";
    /** Every table of the read model: what a rebuild builds and swaps together. */
    public static final List<String> TABLES = List.of(TABLE, PARKED);

    private static final String COLUMNS = "document_id, child_id, owner, state, version, review_version, "
            + "scan_attempt, ocr_attempt, text_ref, last_failure, aggregate::text AS aggregate, last_event_id, "
            + "created_at, updated_at";

    private ReadModelTable() {}

    /** {@code "schema"."table"}, quoted. */
    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The schema holding the live {@code documents} table (as the search_path resolves it), if there is one. */
    public static Optional<String> liveSchema(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT n.nspname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " WHERE t.oid = to_regclass(?)")) {
            s.setString(1, TABLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Rows in {@code schema}'s documents table. */
    public static long count(DataSource dataSource, String schema) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified(schema, TABLE))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Streams every row (server-side cursor), in document id order. */
    public static long forEach(DataSource dataSource, String schema, Consumer<ReadModelRow> handler)
            throws SQLException {
        return stream(dataSource, "SELECT " + COLUMNS + " FROM " + qualified(schema, TABLE) + " ORDER BY document_id",
                s -> { }, handler);
    }

    /** The rows of some documents (missing ones are simply absent). */
    public static List<ReadModelRow> rows(DataSource dataSource, String schema, Collection<UUID> ids)
            throws SQLException {
        List<ReadModelRow> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + qualified(schema, TABLE)
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
    public static long forEachRegistered(DataSource dataSource, String schema, Instant from, Instant until,
            Consumer<ReadModelRow> handler) throws SQLException {
        return stream(dataSource, "SELECT " + COLUMNS + " FROM " + qualified(schema, TABLE)
                + " WHERE created_at >= ? AND created_at < ? ORDER BY document_id", s -> {
                    s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    s.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
                }, handler);
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** A read-only transaction with a fetch size: PostgreSQL then streams through a cursor, not all rows at once. */
    private static long stream(DataSource dataSource, String sql, Parameters parameters,
            Consumer<ReadModelRow> handler) throws SQLException {
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
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
