package dev.docpipe.bench.curves;

import dev.docpipe.bench.infra.Tail;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.json.ModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * "Is the pipeline deciding again?": one new document registered on every partition of docpipe.commands, and the
 * time until the outcome of each is on docpipe.command-outcomes. A partition whose task is still restoring
 * answers last, so this is the time until the whole keyspace is served again.
 */
final class Probes {
    private static final FileRef FILE = new FileRef("sha256:" + "c".repeat(64), "application/pdf", 1_000, "probe.pdf");

    private Probes() {}

    /** Sends the probes now and returns once every one was decided. */
    static void awaitDecided(String bootstrap, KafkaProducer<String, byte[]> producer, int partitions,
            Duration timeout) throws InterruptedException {
        Map<Integer, UUID> perPartition = new HashMap<>();
        while (perPartition.size() < partitions) {
            UUID document = UUID.randomUUID();
            byte[] key = new StringSerializer().serialize(Topics.COMMANDS, document.toString());
            perPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % partitions, document);
        }
        Set<UUID> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(perPartition.values());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Tail outcomes = Tail.fromEnd(bootstrap, Topics.COMMAND_OUTCOMES, r -> {
            UUID document = Tail.documentId(r);
            if (document != null) {
                waiting.remove(document);
            }
        })) {
            for (UUID document : perPartition.values()) {
                Command command = new Command(UUID.randomUUID(), document, Instant.now(), "bench-probe",
                        new RegisterDocument(UUID.randomUUID(), FILE));
                producer.send(new ProducerRecord<>(Topics.COMMANDS, document.toString(), ModelJson.COMMANDS.encode(command)));
            }
            producer.flush();
            while (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " partitions decided nothing within " + timeout);
                }
                Thread.sleep(10);
            }
        }
    }
}
