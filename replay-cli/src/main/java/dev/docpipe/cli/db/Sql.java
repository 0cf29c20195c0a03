package dev.docpipe.cli.db;

import dev.docpipe.cli.CliException;
import java.util.regex.Pattern;

/** SQL identifiers the CLI builds statements with (schema names from options): validated, then quoted. */
public final class Sql {
    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Sql() {}

    public static String identifier(String name) {
        if (!SAFE.matcher(name).matches()) {
            throw CliException.usage("'" + name + "' is not a valid schema/table name (lower-case letters, digits, _)");
        }
        return "\"" + name + "\"";
    }

    public static String table(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }
}
