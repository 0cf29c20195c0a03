package dev.docpipe.bench.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The harness JVM runs an embedded broker, Kafka clients and PostgreSQL's driver: their INFO logs would
 * bury the figures. Set programmatically (no logback.xml on the classpath) because the pipeline's child
 * JVMs share this classpath and must keep Spring Boot's default logging ("Started PipelineApplication").
 */
public final class Quiet {
    private Quiet() {}

    public static void logging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("dev.docpipe").setLevel(Level.INFO);
            // Expected while a child JVM is SIGKILLed or SIGSTOPped: connection resets, fenced producers.
            context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
            context.getLogger("kafka").setLevel(Level.ERROR);
            context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.OFF);
            context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
            // Under transactions v2 the broker logs OutOfOrderSequenceException at ERROR after a
            // CONCURRENT_TRANSACTIONS retry; the producer retries it and the verifiers see no effect
            // (also seen in pipeline-streams' own integration tests): see bench/README.md.
            context.getLogger("kafka.server.ReplicaManager").setLevel(Level.OFF);
        }
    }
}
