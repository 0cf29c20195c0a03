package dev.docpipe.devstack;

import java.nio.file.Path;

/**
 * What to start and where.
 *
 * @param pgPort null = 5432 if free, else any free port
 * @param repoRoot the checkout whose {@code <module>/target} holds the service jars
 */
public record StackOptions(DataDir data, Mode mode, int kafkaPort, Integer pgPort, int apiPort, Path repoRoot) {

    public enum Mode {
        /** Kafka and PostgreSQL only; the services run as separate processes. */
        INFRA_ONLY,
        /** Plus topics and the pipeline. */
        PIPELINE_ONLY,
        /** Plus api-service (and the projector inside it); jobs wait for a start with workers. */
        NO_WORKERS,
        EVERYTHING;

        boolean pipeline() {
            return this != INFRA_ONLY;
        }

        boolean api() {
            return this == NO_WORKERS || this == EVERYTHING;
        }

        boolean workers() {
            return this == EVERYTHING;
        }
    }
}
