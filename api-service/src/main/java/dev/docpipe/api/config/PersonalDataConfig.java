package dev.docpipe.api.config;

import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.PersonalDataCipher;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.personaldata.PersonalFields;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data (docs/decisions/0012): the key-encryption key from {@code DOCPIPE_KEK}/{@code DOCPIPE_KEK_ID}
 * (without one the API does not start: it would have to send personal fields in plain text), the data keys'
 * table, and the fields sealed with them. The API seals what it sends and the projector opens what it folds.
 */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfig {

    /** Marker: the document_keys migrations have run. */
    public record PersonalDataSchemaReady() {}

    /** docpipe.personal-data.kek/kek-id, i.e. DOCPIPE_KEK/DOCPIPE_KEK_ID (application.yml); errors name those. */
    @Bean
    KeyEncryptionKey keyEncryptionKey(Environment environment) {
        return KeyEncryptionKey.from(name -> switch (name) {
            case KeyEncryptionKey.KEK_VARIABLE -> environment.getProperty("docpipe.personal-data.kek");
            case KeyEncryptionKey.KEK_ID_VARIABLE -> environment.getProperty("docpipe.personal-data.kek-id");
            default -> null;
        });
    }

    /** On the migrations' own connection and under their lock, as the read model's (see ReadModelConfig). */
    @Bean
    PersonalDataSchemaReady personalDataSchema(DataSource dataSource, ObjectProvider<Flyway> apiMigrations) {
        SchemaMigrationLock.migrate(apiMigrations, dataSource, PersonalDataSchema::migrate);
        return new PersonalDataSchemaReady();
    }

    /** Checked against a stored key first: a wrong KEK stops the start-up instead of the first request. */
    @Bean
    DataKeys dataKeys(JdbcClient jdbc, KeyEncryptionKey kek, PersonalDataSchemaReady schema) {
        DataKeys keys = new DataKeys(jdbc, kek, DataKeys.DEFAULT_CACHE_SIZE);
        keys.verifyKeyEncryptionKey();
        return keys;
    }

    @Bean
    PersonalFields personalFields(DataKeys keys) {
        return new PersonalFields(new PersonalDataCipher(keys));
    }
}
