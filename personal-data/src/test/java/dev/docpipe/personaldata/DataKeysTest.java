package dev.docpipe.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The key store on a real PostgreSQL. */
class DataKeysTest {
    private static DataSource dataSource;
    private static KeyEncryptionKey kek;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.create("personal_data_keys");
        kek = TestDatabase.kek("k7");
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void aKeyIsStoredWrappedUnderTheKekWithItsIdAndChild() {
        DataKeys keys = DataKeys.over(dataSource, kek);
        UUID document = UUID.randomUUID();
        UUID child = UUID.randomUUID();

        keys.create(document, child);

        Map<String, Object> row = jdbc.sql("SELECT child_id, kek_id, wrapped_key, created_at FROM document_keys"
                + " WHERE document_id = :id").param("id", document).query().singleRow();
        assertThat(row.get("child_id")).isEqualTo(child);
        assertThat(row.get("kek_id")).isEqualTo("k7");
        // KWP of a 32-byte key: 40 bytes, and not the key itself
        byte[] wrapped = (byte[]) row.get("wrapped_key");
        assertThat(wrapped).hasSize(40);
        assertThat(wrapped).isNotEqualTo(keys.find(document).orElseThrow().getEncoded());
        assertThat(row.get("created_at")).isNotNull();
    }

    @Test
    void creatingTwiceKeepsTheFirstKey() {
        UUID document = UUID.randomUUID();
        DataKeys first = DataKeys.over(dataSource, kek);
        first.create(document, UUID.randomUUID());
        byte[] key = first.find(document).orElseThrow().getEncoded();

        DataKeys second = DataKeys.over(dataSource, kek);
        second.create(document, UUID.randomUUID());

        assertThat(second.find(document).orElseThrow().getEncoded()).isEqualTo(key);
        assertThat(jdbc.sql("SELECT count(*) FROM document_keys WHERE document_id = :id").param("id", document)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheRowAndTheCachedKeyAndIsRepeatable() {
        DataKeys keys = DataKeys.over(dataSource, kek);
        UUID document = UUID.randomUUID();
        keys.create(document, UUID.randomUUID());
        assertThat(keys.exists(document)).isTrue();

        assertThat(keys.delete(document)).isTrue();

        assertThat(keys.exists(document)).isFalse();
        assertThat(keys.find(document)).isEmpty();
        assertThat(keys.delete(document)).isFalse();
    }

    @Test
    void aDeleteRolledBackKeepsTheKey() {
        DataKeys keys = DataKeys.over(dataSource, kek);
        UUID document = UUID.randomUUID();
        keys.create(document, UUID.randomUUID());
        byte[] key = keys.find(document).orElseThrow().getEncoded();

        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            keys.delete(document);
            status.setRollbackOnly();
        });

        assertThat(keys.find(document).orElseThrow().getEncoded()).isEqualTo(key);
    }

    @Test
    void theCacheIsBoundedAndReloadsFromTheTable() {
        DataKeys keys = new DataKeys(jdbc, kek, 2);
        List<UUID> documents = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        documents.forEach(d -> keys.create(d, UUID.randomUUID()));

        documents.forEach(d -> assertThat(keys.find(d)).isPresent());
    }

    @Test
    void migrationsHaveTheirOwnHistoryTable() {
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_schema_history WHERE success")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(PersonalDataSchema.migrate(dataSource).migrationsExecuted).isZero();
    }
}
