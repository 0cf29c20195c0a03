package dev.docpipe.api.projection;

import dev.docpipe.api.config.SchemaMigrationLock;
import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentChangeLog;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.ReadModelSchema;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The read model (read-model module): its schema is migrated before anything reads or writes it. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfig {

    /** Marker: the read model's Flyway migrations have run. */
    public record ReadModelSchemaReady() {}

    /**
     * On the connection the API's own migrations use (spring.flyway.*): the pool's connections give up on a
     * read after a second (application.yml), and a migration may legitimately take longer. Under
     * {@link SchemaMigrationLock}: instances starting together must not baseline the history table at once.
     */
    @Bean
    ReadModelSchemaReady readModelSchema(DataSource dataSource, ObjectProvider<Flyway> apiMigrations) {
        SchemaMigrationLock.migrate(apiMigrations, dataSource, ReadModelSchema::migrate);
        return new ReadModelSchemaReady();
    }

    @Bean
    DocumentQueries documentQueries(JdbcClient jdbc, ReadModelSchemaReady schema) {
        return new DocumentQueries(jdbc);
    }

    @Bean
    DocumentChangeLog documentChangeLog(JdbcClient jdbc, ReadModelSchemaReady schema) {
        return new DocumentChangeLog(jdbc);
    }

    /** Opens sealed fields with the API's data keys; deletes an erased document's blobs from the API's store. */
    @Bean
    DocumentProjector documentProjector(JdbcClient jdbc, TransactionTemplate transactions, ReadModelSchemaReady schema,
            PersonalFields personalFields, BlobStore blobs) {
        return new DocumentProjector(jdbc, transactions, personalFields, ref -> blobs.delete(BlobRef.parse(ref)));
    }
}
