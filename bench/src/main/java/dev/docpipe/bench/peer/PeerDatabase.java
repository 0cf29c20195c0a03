package dev.docpipe.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.docpipe.bench.infra.ProcStat;
import dev.docpipe.localinfra.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.UUID;

/**
 * The peer's database on the shared embedded PostgreSQL: {@code documents} (the state the guarded UPDATE
 * checks, with the child and owner a request is checked against) and {@code outbox}. The benchmark creates and
 * loads it; the peer process only reads and writes rows.
 */
public final class PeerDatabase implements AutoCloseable {
    private final PostgresDatabase pg;
    private final String url;
    private final HikariDataSource pool;
    private final long postmasterPid;

    private PeerDatabase(PostgresDatabase pg, String url, HikariDataSource pool, long postmasterPid) {
        this.pg = pg;
        this.url = url;
        this.pool = pool;
        this.postmasterPid = postmasterPid;
    }

    public static PeerDatabase create() throws SQLException {
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("docpipe_bench_peer_" + Long.toString(System.nanoTime(), 36));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(2);
        config.setPoolName("peer-setup");
        HikariDataSource pool = new HikariDataSource(config);
        long backend;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE documents (
                      id uuid PRIMARY KEY,
                      child_id uuid NOT NULL,
                      owner uuid NOT NULL,
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
        }
        return new PeerDatabase(pg, url, pool, ProcStat.parentOf(backend));
    }

    /** Adds {@code documents} of {@code childId}, owned by {@code owner}, in {@code state}. */
    public void insert(Collection<UUID> documents, UUID childId, UUID owner, String state) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO documents (id, child_id, owner, state) SELECT unnest(?::uuid[]), ?, ?, ?")) {
            insert.setArray(1, c.createArrayOf("uuid", documents.toArray()));
            insert.setObject(2, childId);
            insert.setObject(3, owner);
            insert.setString(4, state);
            insert.executeUpdate();
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE documents");
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String url() {
        return url;
    }

    public String username() {
        return pg.username();
    }

    public String password() {
        return pg.password();
    }

    /** The postmaster: its process tree is PostgreSQL's CPU. */
    public long postmasterPid() {
        return postmasterPid;
    }

    @Override
    public void close() {
        pool.close();
    }
}
