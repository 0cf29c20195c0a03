package dev.docpipe.devstack;

import dev.docpipe.kafkaconfig.KafkaSecurity;

/**
 * Where Kafka and PostgreSQL are, as the services need to be told.
 *
 * @param kafkaSecurity how clients log in at {@code bootstrapServers}; handed to every service as the shared
 *     DOCPIPE_KAFKA_* variables
 */
public record Infra(String bootstrapServers, KafkaSecurity kafkaSecurity, String jdbcUrl, String dbUser,
        String dbPassword) {

    /** A plaintext broker without authentication. */
    public Infra(String bootstrapServers, String jdbcUrl, String dbUser, String dbPassword) {
        this(bootstrapServers, KafkaSecurity.plaintext(), jdbcUrl, dbUser, dbPassword);
    }

    /** The DOCPIPE_KAFKA_* variables a service needs besides the bootstrap servers; none for a plaintext broker. */
    java.util.Map<String, String> kafkaSecurityVariables() {
        return kafkaSecurity.equals(KafkaSecurity.plaintext()) ? java.util.Map.of() : kafkaSecurity.variables();
    }
}
