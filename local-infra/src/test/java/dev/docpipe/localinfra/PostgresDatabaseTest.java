package dev.docpipe.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    private final PostgresDatabase pg = PostgresDatabase.shared();

    @Test
    void selectOneOnTheDefaultDatabase() throws Exception {
        assertThat(PostgresDatabase.shared()).isSameAs(pg);
        try (Connection c = pg.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select 1, version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void createDatabaseGivesAnIsolatedDatabase() throws Exception {
        String url = pg.createDatabase("pgdb_isolated");
        assertThat(url).endsWith("/pgdb_isolated");

        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("create table doc(id text primary key)");
            s.execute("insert into doc values ('d1')");
            ResultSet rs = s.executeQuery("select current_database(), count(*) from doc");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("pgdb_isolated");
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        try (Connection c = pg.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select to_regclass('public.doc')")) {
            rs.next();
            assertThat(rs.getString(1)).as("table must not leak into the default database").isNull();
        }
    }

    @Test
    void createDatabaseRejectsDuplicatesAndUnsafeNames() {
        pg.createDatabase("pgdb_dup");
        assertThatThrownBy(() -> pg.createDatabase("pgdb_dup")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pg.createDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
