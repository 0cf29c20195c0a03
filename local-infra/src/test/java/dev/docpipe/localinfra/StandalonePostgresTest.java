package dev.docpipe.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandalonePostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void theDatabaseAndItsDataSurviveARestartInTheSameDirectory() throws Exception {
        int port;
        try (StandalonePostgres pg = StandalonePostgres.start(dataDir, 0)) {
            pg.ensureDatabase("sp_app", "sp_user", "secret");
            pg.ensureDatabase("sp_app", "sp_user", "secret"); // idempotent
            port = pg.port();
            try (Connection c = connect(port); Statement s = c.createStatement()) {
                s.execute("create table kept(id int)");
                s.execute("insert into kept values (42)");
            }
        }

        try (StandalonePostgres pg = StandalonePostgres.start(dataDir, 0);
             Connection c = connect(pg.port());
             ResultSet rs = c.createStatement().executeQuery("select id, current_user from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(rs.getString(2)).isEqualTo("sp_user");
        }
    }

    @Test
    void unsafeNamesAreRefused() {
        try (StandalonePostgres pg = StandalonePostgres.start(dataDir, 0)) {
            assertThatThrownBy(() -> pg.ensureDatabase("x; drop database postgres", "sp_user", "p"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/sp_app", "sp_user", "secret");
    }
}
