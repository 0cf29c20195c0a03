package dev.docpipe.personaldata;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code document_keys} table, migrated by Flyway from {@value #LOCATION} with a history table of its own
 * ({@value #HISTORY_TABLE}), so it shares a database with the API's tables and the read model without any of the
 * three seeing the others' migrations as unknown.
 */
public final class PersonalDataSchema {
    public static final String LOCATION = "classpath:db/personaldata";
    public static final String HISTORY_TABLE = "personal_data_schema_history";

    private PersonalDataSchema() {}

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The database already holds other tables (the API's, the read model's): start our history at 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return flyway(dataSource).migrate();
    }
}
