package dev.docpipe.cli.db;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.support.Failures;
import dev.docpipe.readmodel.ReadModelTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The read model's PostgreSQL, as configured by {@code --db-url/--db-user/--db-password}. */
public final class Database implements AutoCloseable {
    private final String url;
    private final DriverManagerDataSource dataSource;
    private final List<SingleConnectionDataSource> pinned = new ArrayList<>();

    private Database(String url, DriverManagerDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /** Opens and checks the connection; exit 2 with a clear message when it cannot connect. */
    public static Database open(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw CliException.usage("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), was '"
                    + url + "'");
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "docpipe-cli");
        dataSource.setConnectionProperties(properties);
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw CliException.usage("cannot connect to PostgreSQL at " + url + ": " + Failures.describe(e));
        }
        return new Database(url, dataSource);
    }

    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The schema of the live read model (exit 2 with a clear message when this database has none). */
    public String requireLiveSchema() {
        try {
            return ReadModelTable.liveSchema(dataSource).orElseThrow(() -> CliException.usage("no read model table '"
                    + ReadModelTable.TABLE + "' in " + url + " (start the api-service once, or check --db-url)"));
        } catch (SQLException e) {
            throw new CliException(2, "PostgreSQL: " + e.getMessage(), e);
        }
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * One connection whose unqualified table names resolve in {@code schema} first (search_path), so code
     * written against the read model's tables (the projector) works on a copy of them in that schema.
     */
    public DataSource pinnedTo(String schema) throws SQLException {
        SingleConnectionDataSource single = new SingleConnectionDataSource(dataSource.getConnection(), true);
        try (Statement s = single.getConnection().createStatement()) {
            s.execute("SET search_path TO " + Sql.identifier(schema) + ", public");
        }
        pinned.add(single);
        return single;
    }

    /** Closes the connections handed out by {@link #pinnedTo}. */
    public void releasePinned() {
        pinned.forEach(SingleConnectionDataSource::destroy);
        pinned.clear();
    }

    @Override
    public void close() {
        releasePinned();
    }
}
