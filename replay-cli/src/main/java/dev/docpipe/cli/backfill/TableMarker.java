package dev.docpipe.cli.backfill;

import dev.docpipe.cli.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The marker in a small table next to the read model ({@value #TABLE}, created on first use). Saves take
 * the greater document id (uuid order is the order the backfill walks in), so concurrent runs share it.
 */
final class TableMarker implements ProgressMarker {
    static final String TABLE = "docpipe_backfill_progress";

    private final Database db;
    private final String runKey;

    TableMarker(Database db, String runKey) throws SQLException {
        this.db = db;
        this.runKey = runKey;
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (run_key text PRIMARY KEY, last_document_id uuid NOT NULL,"
                    + " sent bigint NOT NULL, complete boolean NOT NULL, updated_at timestamptz NOT NULL)");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e; // two runs creating the table at once: one of them loses the race, harmlessly
            }
        }
    }

    @Override
    public Optional<Mark> load() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT last_document_id, sent, complete, updated_at FROM " + TABLE + " WHERE run_key = ?")) {
            s.setString(1, runKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Mark(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
    }

    @Override
    public void save(Mark mark) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                + " AS p (run_key, last_document_id, sent, complete, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_key) DO UPDATE SET last_document_id = GREATEST(p.last_document_id,"
                + " EXCLUDED.last_document_id), sent = GREATEST(p.sent, EXCLUDED.sent),"
                + " complete = p.complete OR EXCLUDED.complete, updated_at = EXCLUDED.updated_at")) {
            s.setString(1, runKey);
            s.setObject(2, mark.lastDocumentId());
            s.setLong(3, mark.sent());
            s.setBoolean(4, mark.complete());
            s.setObject(5, OffsetDateTime.ofInstant(mark.updatedAt(), ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    @Override
    public void reset() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE run_key = ?")) {
            s.setString(1, runKey);
            s.executeUpdate();
        }
    }

    @Override
    public String describe() {
        return "table " + TABLE + " (run '" + runKey + "')";
    }
}
