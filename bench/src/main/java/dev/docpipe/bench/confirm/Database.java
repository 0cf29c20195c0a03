package dev.docpipe.bench.confirm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.docpipe.bench.infra.ProcStat;
import dev.docpipe.localinfra.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL side of the two alternatives: one database per harness JVM on the shared PostgreSQL 18,
 * a {@code documents} table (the state the guarded UPDATE and the lock approach check) and an
 * {@code outbox} table, and a HikariCP pool as a Spring Boot service would have.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final String url;
    private final long postmasterPid;

    private Database(HikariDataSource pool, String url, long postmasterPid) {
        this.pool = pool;
        this.url = url;
        this.postmasterPid = postmasterPid;
    }

    /** @param synchronousCommit PostgreSQL's synchronous_commit for this database ("on" is the default) */
    public static Database create(int poolSize, String synchronousCommit) throws SQLException {
        PostgresDatabase pg = PostgresDatabase.shared();
        String name = "docpipe_bench_" + Long.toString(System.nanoTime(), 36);
        String url = pg.createDatabase(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + "?reWriteBatchedInserts=true");
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setAutoCommit(false);
        config.setPoolName("bench");
        HikariDataSource pool = new HikariDataSource(config);
        long backend;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " SET synchronous_commit = '" + synchronousCommit + "'");
            s.execute("""
                    CREATE TABLE documents (
                      id uuid PRIMARY KEY,
                      state text NOT NULL,
                      updated_at timestamptz NOT NULL DEFAULT now())""");
            s.execute("""
                    CREATE TABLE outbox (
                      id bigserial PRIMARY KEY,
                      document_id uuid NOT NULL,
                      job_id uuid NOT NULL,
                      payload bytea NOT NULL,
                      created_at timestamptz NOT NULL DEFAULT now(),
                      sent_at timestamptz)""");
            s.execute("CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL");
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getLong(1);
            }
            c.commit();
        }
        // Pooled connections opened before ALTER DATABASE keep the old setting: start them afresh.
        pool.getHikariPoolMXBean().softEvictConnections();
        return new Database(pool, url, ProcStat.parentOf(backend));
    }

    public HikariDataSource pool() {
        return pool;
    }

    public String url() {
        return url;
    }

    /** The postmaster: its process tree is PostgreSQL's CPU and memory. */
    public long postmasterPid() {
        return postmasterPid;
    }

    public String version() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            String v = rs.getString(1);
            c.commit();
            return v;
        }
    }

    /** Empties both tables and inserts {@code documents} in state SCANNED. */
    public void reset(List<UUID> documents) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE documents, outbox RESTART IDENTITY");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO documents (id, state) SELECT unnest(?::uuid[]), 'SCANNED'")) {
                insert.setArray(1, c.createArrayOf("uuid", documents.toArray()));
                insert.executeUpdate();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("VACUUM ANALYZE documents");
                s.execute("VACUUM ANALYZE outbox");
            } finally {
                c.setAutoCommit(false);
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            c.commit();
            return n;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
