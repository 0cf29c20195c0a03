package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.db.Sql;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.readmodel.ReadModelTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A fresh copy of the read model's tables in a schema of its own, created by the read model's own Flyway
 * migrations: same DDL, same index names, so that it can replace the live table by moving schemas.
 */
final class StagingTable {
    private StagingTable() {}

    /** Drops {@code schema} if it exists and migrates the read model into it. */
    static void create(Database db, String schema) throws SQLException {
        execute(db, "DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
        Flyway flyway = Flyway.configure()
                .configuration(ReadModelSchema.flyway(db.dataSource()).getConfiguration())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load();
        flyway.migrate();
    }

    static void dropSchema(Database db, String schema) throws SQLException {
        execute(db, "DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
    }

    static void recreateEmptySchema(Database db, String schema) throws SQLException {
        execute(db, "DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
        execute(db, "CREATE SCHEMA " + Sql.identifier(schema));
    }

    static long rows(Database db, String schema) throws SQLException {
        return ReadModelTable.count(db.dataSource(), schema);
    }

    /** The read model's tables that {@code schema} has (a database migrated by an older release lacks newer ones). */
    static List<String> tablesIn(Connection c, String schema) throws SQLException {
        List<String> present = new ArrayList<>();
        for (String table : ReadModelTable.TABLES) {
            try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                s.setString(1, Sql.table(schema, table));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        present.add(table);
                    }
                }
            }
        }
        return present;
    }

    /** Gives the staging tables the privileges other roles have on the live ones (the API may use another role). */
    static List<String> copyGrants(Connection c, String liveSchema, String stagingSchema, List<String> tables)
            throws SQLException {
        List<String> grants = new ArrayList<>();
        for (String table : tables) {
            grants.addAll(grantsOf(c, liveSchema, stagingSchema, table));
        }
        try (Statement s = c.createStatement()) {
            for (String grant : grants) {
                s.execute(grant);
            }
        }
        return grants;
    }

    private static List<String> grantsOf(Connection c, String liveSchema, String stagingSchema, String table)
            throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT grantee, privilege_type FROM "
                + "information_schema.role_table_grants WHERE table_schema = ? AND table_name = ? "
                + "AND grantee <> current_user")) {
            s.setString(1, liveSchema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String grantee = rs.getString(1);
                    String privilege = rs.getString(2);
                    if (!privilege.matches("[A-Z ]+")) {
                        continue;
                    }
                    String who = grantee.equalsIgnoreCase("PUBLIC") ? "PUBLIC"
                            : "\"" + grantee.replace("\"", "\"\"") + "\"";
                    grants.add("GRANT " + privilege + " ON " + Sql.table(stagingSchema, table) + " TO " + who);
                }
            }
        }
        return grants;
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
