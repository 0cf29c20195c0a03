package dev.docpipe.personaldata;

import dev.docpipe.localinfra.PostgresDatabase;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database on the shared real PostgreSQL, with the document_keys table migrated. */
final class TestDatabase {
    private TestDatabase() {}

    static DataSource create(String prefix) {
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase(prefix + "_" + System.nanoTime() % 1_000_000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        PersonalDataSchema.migrate(dataSource);
        return dataSource;
    }

    static KeyEncryptionKey kek(String id) {
        return KeyEncryptionKey.from(Map.of(KeyEncryptionKey.KEK_VARIABLE, KeyEncryptionKey.generateEncoded(),
                KeyEncryptionKey.KEK_ID_VARIABLE, id));
    }
}
