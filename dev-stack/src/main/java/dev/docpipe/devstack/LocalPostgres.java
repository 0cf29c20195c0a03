package dev.docpipe.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries, which start as root too) whose cluster lives
 * in {@code <data-dir>/postgres} and is kept across restarts. The services connect as role
 * {@code docpipe} to database {@code docpipe}, as they would to the compose file's PostgreSQL.
 */
final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    static final String DATABASE = "docpipe";
    static final String USER = "docpipe";
    /** The server trusts local connections; the password is there for drivers and pools that insist on one. */
    static final String PASSWORD = "docpipe";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @param port 0 = any free port */
    static LocalPostgres start(Path dataDir, int port) {
        // After a kill -9 of the dev stack the postmaster lives on and holds the cluster; stop it first.
        StaleProcesses.stopOrphanedPostmaster(dataDir);
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // initdb only when there is no cluster yet
                    .setPort(port == 0 ? Ports.anyFree() : port)
                    .setRegisterShutdownHook(false) // DevStack stops it, after the services
                    // zonky starts with -F (no fsync); a dev machine that crashes should not lose the read model.
                    .setServerConfig("fsync", "on")
                    .start();
            LocalPostgres local = new LocalPostgres(pg);
            local.ensureDatabase();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    private void ensureDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
                log.info("created database {} owned by {}", DATABASE, USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    String psqlUrl() {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** pg_ctl stop -m fast: open sessions are ended, the cluster is checkpointed and kept. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
