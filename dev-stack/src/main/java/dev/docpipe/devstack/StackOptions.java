package dev.docpipe.devstack;

import java.nio.file.Path;

/**
 * What to start and where.
 *
 * @param pgPort null = 5432 if free, else any free port
 * @param repoRoot the checkout whose {@code <module>/target} holds the service jars
 * @param blobStore where api-service and the workers keep files
 */
public record StackOptions(DataDir data, Mode mode, int kafkaPort, Integer pgPort, int apiPort, Path repoRoot,
        BlobStoreKind blobStore) {

    /** With the blobs in a directory of the data dir. */
    public StackOptions(DataDir data, Mode mode, int kafkaPort, Integer pgPort, int apiPort, Path repoRoot) {
        this(data, mode, kafkaPort, pgPort, apiPort, repoRoot, BlobStoreKind.LOCAL);
    }

    public enum BlobStoreKind {
        /** {@code <data-dir>/blobs}: one host. */
        LOCAL,
        /** A bucket on an S3 server (S3Proxy) started in this process over {@code <data-dir>/s3}. */
        S3
    }

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
