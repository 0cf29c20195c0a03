package dev.docpipe.api.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One API instance at a time migrates the database. Flyway locks a history table while it applies migrations, but
 * decides whether to create or to baseline it before taking that lock, and our three schemas share {@code public}
 * (hence {@code baseline-on-migrate}). Two instances on a fresh database: A finds the schema empty, creates its
 * history table and migrates; B, which found no history table a moment before, now finds the schema not empty
 * (A's table), baselines, finds the table "already exists, and is empty", and fails to start. A PostgreSQL
 * session-level advisory lock held on a connection of its own around each migration closes that window; it is
 * released when the migration ends or, if the instance dies, when its connection does.
 */
public final class SchemaMigrationLock {
    /** "docpipe" + 1: any fixed key no other client of the database uses. */
    static final long KEY = 0x646f6370697065_01L;

    private SchemaMigrationLock() {}

    /**
     * Runs {@code migration} holding the lock, on the API's migrations' data source ({@code spring.flyway.*}), or on
     * {@code dataSource} where the API's own migrations are switched off.
     */
    public static void migrate(ObjectProvider<Flyway> apiMigrations, DataSource dataSource,
            Consumer<DataSource> migration) {
        Flyway flyway = apiMigrations.getIfAvailable();
        DataSource migrations = flyway != null ? flyway.getConfiguration().getDataSource() : dataSource;
        around(migrations, () -> migration.accept(migrations));
    }

    /**
     * Runs {@code migration} holding the lock. {@code dataSource} must allow a statement to wait as long as another
     * instance's migration runs (the migrations' own connection, not the request pool's short timeouts).
     */
    public static void around(DataSource dataSource, Runnable migration) {
        try (Connection lock = dataSource.getConnection()) {
            execute(lock, "SELECT pg_advisory_lock(?)");
            try {
                migration.run();
            } finally {
                execute(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not hold the schema migration lock", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            statement.execute();
        }
    }
}
