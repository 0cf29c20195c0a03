package dev.docpipe.devstack;

/** Where Kafka and PostgreSQL are, as the services need to be told. */
public record Infra(String bootstrapServers, String jdbcUrl, String dbUser, String dbPassword) {}
