package dev.docpipe.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (zonky's bundled binaries, which, unlike Debian's
 * {@code initdb}, also start when the tests run as root). Test classes isolate themselves with
 * {@link #createDatabase(String)} rather than starting servers of their own.
 */
public final class PostgresDatabase {

    // Database names go into DDL unquoted; allow only what needs no quoting.
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String USER = "postgres";

    private static volatile PostgresDatabase shared;

    private final EmbeddedPostgres postgres;

    private PostgresDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server on first call; later calls return the same running server. */
    public static PostgresDatabase shared() {
        PostgresDatabase local = shared;
        if (local == null) {
            synchronized (PostgresDatabase.class) {
                local = shared;
                if (local == null) {
                    local = new PostgresDatabase(start());
                    shared = local;
                }
            }
        }
        return local;
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false) // ours below; one hook, one close
                    // Every cached Spring test context keeps its own pool open against this one server.
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // JVM is exiting; the data directory is a temp dir anyway.
                }
            }, "postgres-shutdown"));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** URL of the default {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String username() {
        return USER;
    }

    /** The server uses trust authentication, so any password works; this one keeps drivers and pools happy. */
    public String password() {
        return USER;
    }

    /** Connects to the default {@code postgres} database. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * Creates an empty database and returns its JDBC URL (user and password not embedded). Fails if
     * it already exists, so two test classes cannot silently share state under the same name.
     *
     * @param name lower-case letters, digits and underscores
     */
    public String createDatabase(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + name);
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed", e);
        }
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        // zonky's getJdbcUrl appends ?user=...; a bare URL composes with username()/password().
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }
}
