package dev.docpipe.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries, which start as root too) whose cluster lives
 * in a directory of the caller's choosing and is kept across restarts, as {@link StandaloneKafka} is
 * for the broker. The dev stack runs its database this way; {@link PostgresDatabase} is the shared,
 * throwaway server of a test JVM.
 */
public final class StandalonePostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandalonePostgres.class);
    // Role and database names go into DDL unquoted; allow only what needs no quoting.
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration POSTMASTER_STOP_GRACE = Duration.ofSeconds(20);

    private final EmbeddedPostgres postgres;

    private StandalonePostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on 127.0.0.1:{@code port} (0 = any free port) with its cluster in {@code dataDir}
     * ({@code initdb} only when there is none yet); returns once it accepts connections.
     */
    public static StandalonePostgres start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * As {@link #start(Path, int)}, with {@code serverConfig} ({@code postgres -c name=value}) applied
     * last, e.g. the dev stack's smaller memory settings.
     */
    public static StandalonePostgres start(Path dataDir, int port, Map<String, String> serverConfig) {
        // After a kill -9 of its owner the postmaster lives on and holds the cluster; stop it first.
        stopOrphanedPostmaster(dataDir);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false) // the owner stops it, after whatever uses it
                    // zonky starts with -F (no fsync); a machine that crashes should not lose the data.
                    .setServerConfig("fsync", "on");
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            return new StandalonePostgres(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** Creates the login role and the database it owns, unless they exist. */
    public void ensureDatabase(String database, String owner, String password) {
        requireSafe(database);
        requireSafe(owner);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("CREATE DATABASE " + database + " OWNER " + owner);
                log.info("created database {} owned by {}", database, owner);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    private static void requireSafe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + SAFE_NAME + ": " + name);
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public int port() {
        return postgres.getPort();
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

    /** The postmaster of {@code pgData}, if one still runs (its pid is the first line of postmaster.pid). */
    private static void stopOrphanedPostmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().command().orElse("").endsWith("postgres"));
            postmaster.ifPresent(p -> {
                log.warn("stopping the PostgreSQL server (pid {}) a previous run left running", p.pid());
                stopFast(p);
            });
        } catch (IOException | NumberFormatException e) {
            log.warn("could not read {}; PostgreSQL may refuse to start", pidFile, e);
        }
    }

    /** SIGINT (PostgreSQL's "fast" shutdown, which ends open sessions), then SIGKILL after the grace period. */
    private static void stopFast(ProcessHandle p) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            p.onExit().get(POSTMASTER_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("pid {} still running after {}; killing it", p.pid(), POSTMASTER_STOP_GRACE);
            p.destroyForcibly();
        }
    }
}
