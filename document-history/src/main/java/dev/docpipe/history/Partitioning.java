package dev.docpipe.history;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a document's records are in: every docpipe topic is keyed by the document id (UTF-8),
 * and the producers (the pipeline, the API) use Kafka's default partitioner for keyed records.
 */
public final class Partitioning {
    private Partitioning() {}

    public static byte[] key(UUID documentId) {
        return documentId.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static int partitionOf(UUID documentId, int partitions) {
        return Utils.toPositive(Utils.murmur2(key(documentId))) % partitions;
    }
}
