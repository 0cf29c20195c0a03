package dev.docpipe.bench.curves;

import dev.docpipe.bench.pipeline.PipelineOptions;
import dev.docpipe.bench.pipeline.Workload;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.json.ModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Documents in bulk, straight onto the input topics (no HTTP): the pipeline benchmark's realistic command mix
 * ({@link Workload}) for the bulk, and one family's child with many documents for the API's list request.
 */
final class Loader {
    private static final int ACTIVE_DOCUMENTS = 1_000;

    private Loader() {}

    /**
     * {@code documents} more documents of the pipeline benchmark's workload, every record timestamped at or after
     * {@code notBefore} (the newest timestamp already in the input); a fresh seed keeps ids apart.
     */
    static Workload.Stats workload(String bootstrap, int documents, long seed, Duration timeout, long notBefore) {
        return Workload.produceAfter(bootstrap, new PipelineOptions(documents, Math.min(ACTIVE_DOCUMENTS, documents), 0, 1,
                0, 0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, timeout, seed, null, Map.of(), List.of(), Map.of(), false), notBefore);
    }

    /** {@code count} uploads of one child by its account, registered as the API would; returns their ids. */
    static List<UUID> childDocuments(KafkaProducer<String, byte[]> producer, UUID childId, String accountId, int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID document = UUID.randomUUID();
            FileRef file = new FileRef("sha256:%064x".formatted(i), "application/pdf", 200_000, "homework-" + i + ".pdf");
            Command command = new Command(UUID.randomUUID(), document, Instant.now(), accountId,
                    new RegisterDocument(childId, file));
            producer.send(new ProducerRecord<>(Topics.COMMANDS, document.toString(), ModelJson.COMMANDS.encode(command)));
            ids.add(document);
        }
        producer.flush();
        return ids;
    }
}
