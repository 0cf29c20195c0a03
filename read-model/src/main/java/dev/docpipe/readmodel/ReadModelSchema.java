package dev.docpipe.readmodel;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The read model's schema, migrated by Flyway from {@code classpath:db/readmodel} with a history
 * table of its own ({@value #HISTORY_TABLE}), so it can share a database with other schemas (the
 * API's own tables) without either tool seeing the other's migrations as unknown.
 */
public final class ReadModelSchema {
    public static final String LOCATION = "classpath:db/readmodel";
    public static final String HISTORY_TABLE = "read_model_schema_history";

    private ReadModelSchema() {}

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The database may already hold other tables (api-service's): start our history at 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return flyway(dataSource).migrate();
    }
}
