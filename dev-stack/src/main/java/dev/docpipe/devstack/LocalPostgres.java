package dev.docpipe.devstack;

import dev.docpipe.localinfra.StandalonePostgres;
import java.nio.file.Path;

/**
 * The dev stack's PostgreSQL: a {@link StandalonePostgres} whose cluster lives in
 * {@code <data-dir>/postgres}. The services connect as role {@code docpipe} to database
 * {@code docpipe}, as they would to the compose file's PostgreSQL.
 */
final class LocalPostgres implements AutoCloseable {
    static final String DATABASE = "docpipe";
    static final String USER = "docpipe";
    /** The server trusts local connections; the password is there for drivers and pools that insist on one. */
    static final String PASSWORD = "docpipe";

    private final StandalonePostgres postgres;

    private LocalPostgres(StandalonePostgres postgres) {
        this.postgres = postgres;
    }

    /** @param port 0 = any free port */
    static LocalPostgres start(Path dataDir, int port) {
        StandalonePostgres pg = StandalonePostgres.start(dataDir, port, DevStackMemory.POSTGRES);
        try {
            pg.ensureDatabase(DATABASE, USER, PASSWORD);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        return new LocalPostgres(pg);
    }

    int port() {
        return postgres.port();
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
        postgres.close();
    }
}
