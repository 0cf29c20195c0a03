package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.db.Sql;
import dev.docpipe.readmodel.ReadModelTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compares two copies of the read model row by row, every column ({@code SELECT *} both ways with
 * {@code EXCEPT}): independent of which columns the schema has, as long as both come from the same migrations.
 */
final class TableComparison {
    /** One differing document; a null version means "no row". */
    record Difference(UUID documentId, Long liveVersion, Long rebuiltVersion, String kind) {}

    /**
     * @param liveBehind rows the live projector has not caught up on yet (lag, not damage)
     * @param different rows at the same version with different content (damage)
     */
    record Result(boolean equal, long liveRows, long rebuiltRows, long missingInLive, long extraInLive,
            long liveBehind, long liveAhead, long different, List<Difference> samples) {}

    private TableComparison() {}

    static Result compare(Connection c, String liveSchema, String rebuiltSchema, int maxSamples) throws SQLException {
        String live = Sql.table(liveSchema, ReadModelTable.TABLE);
        String rebuilt = Sql.table(rebuiltSchema, ReadModelTable.TABLE);
        long liveRows = count(c, live);
        long rebuiltRows = count(c, rebuilt);
        String sql = "WITH only_live AS (SELECT * FROM " + live + " EXCEPT SELECT * FROM " + rebuilt + "), "
                + "only_rebuilt AS (SELECT * FROM " + rebuilt + " EXCEPT SELECT * FROM " + live + ") "
                + "SELECT coalesce(l.document_id, r.document_id), l.version, r.version "
                + "FROM only_live l FULL JOIN only_rebuilt r ON l.document_id = r.document_id "
                + "ORDER BY 1";
        long missing = 0;
        long extra = 0;
        long behind = 0;
        long ahead = 0;
        long different = 0;
        List<Difference> samples = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                Long lv = (Long) rs.getObject(2);
                Long rv = (Long) rs.getObject(3);
                String kind;
                if (lv == null) {
                    missing++;
                    kind = "missing in live";
                } else if (rv == null) {
                    extra++;
                    kind = "only in live";
                } else if (lv < rv) {
                    behind++;
                    kind = "live behind";
                } else if (lv > rv) {
                    ahead++;
                    kind = "live ahead";
                } else {
                    different++;
                    kind = "different content";
                }
                if (samples.size() < maxSamples) {
                    samples.add(new Difference(id, lv, rv, kind));
                }
            }
        }
        boolean equal = missing + extra + behind + ahead + different == 0;
        return new Result(equal, liveRows, rebuiltRows, missing, extra, behind, ahead, different, samples);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
