package dev.docpipe.bench.curves;

import dev.docpipe.bench.infra.ProcStat;
import dev.docpipe.localinfra.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The read model's size in PostgreSQL: its documents as stored (table, indexes, TOAST, and the dead tuples of
 * updated rows that autovacuum has not reclaimed yet) and as live rows only, and every table of the database.
 * Every projected event updates its document's row, so right after a bulk load the stored size carries dead
 * tuples that the live size tells apart.
 */
record ReadModelSize(long documents, long documentsBytes, long documentsLiveBytes, long deadTuples, long allTablesBytes) {

    static ReadModelSize of(String jdbcUrl) throws SQLException {
        PostgresDatabase pg = PostgresDatabase.shared();
        try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM documents), "
                        + "pg_total_relation_size('documents'), "
                        + "(SELECT coalesce(sum(pg_column_size(d.*)), 0) FROM documents d), "
                        + "(SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = 'documents'::regclass), "
                        + "(SELECT sum(pg_total_relation_size(oid)) FROM pg_class "
                        + "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace)")) {
            rs.next();
            return new ReadModelSize(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    /** PostgreSQL's postmaster: the parent of the backend serving this connection. */
    static long postmasterPid(String jdbcUrl) throws SQLException {
        PostgresDatabase pg = PostgresDatabase.shared();
        try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcStat.parentOf(rs.getLong(1));
        }
    }
}
