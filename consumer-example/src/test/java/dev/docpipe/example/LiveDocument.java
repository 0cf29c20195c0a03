package dev.docpipe.example;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Takes one document through the running pipeline to EXTRACTED, playing the API (commands) and the workers
 * (job results) on the real topics, so the events the tests read are the pipeline's own.
 */
final class LiveDocument {
    private LiveDocument() {}

    static UUID extracted(String bootstrap) {
        UUID documentId = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            send(producer, Topics.COMMANDS, documentId, ModelJson.COMMANDS.encode(new Command(UUID.randomUUID(), documentId,
                    Instant.now(), "account-7", new RegisterDocument(UUID.randomUUID(),
                            new FileRef("sha256:" + "d".repeat(64), "image/png", 10, "page.png")))));
            Job scan = job(bootstrap, Topics.SCAN_JOBS, documentId);
            send(producer, Topics.JOB_RESULTS, documentId, ModelJson.RESULTS.encode(new ScanSucceeded(scan.jobId(),
                    documentId, Instant.now(), new ScanReport("image/png", 1, 1200, 1600, 300, "de", false, List.of()))));
            awaitEvent(bootstrap, documentId, "DocumentScanned");
            send(producer, Topics.COMMANDS, documentId, ModelJson.COMMANDS.encode(
                    new Command(UUID.randomUUID(), documentId, Instant.now(), "account-7", new ConfirmScan())));
            Job ocr = job(bootstrap, Topics.OCR_JOBS, documentId);
            send(producer, Topics.JOB_RESULTS, documentId, ModelJson.RESULTS.encode(new OcrSucceeded(ocr.jobId(),
                    documentId, Instant.now(), "sha256:" + "e".repeat(64), 1234, "tesseract", "5.3.0")));
            awaitEvent(bootstrap, documentId, "TextExtracted");
        }
        return documentId;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, UUID documentId, byte[] value) {
        send(producer, new ProducerRecord<>(topic, documentId.toString(), value));
    }

    /**
     * An event as a (later) pipeline would write it: with its CloudEvents headers (binary mode), so that
     * every reader of docpipe.events, CloudEvents-based or not, can read the topic the test leaves behind.
     */
    static void sendEvent(KafkaProducer<String, byte[]> producer, UUID documentId, String type, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, documentId.toString(), value);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "dev.docpipe.document." + type);
        header(record, "ce_source", "/docpipe/pipeline-streams");
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", documentId.toString());
        header(record, "content-type", "application/json");
        send(producer, record);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Job job(String bootstrap, String topic, UUID documentId) {
        List<ConsumerRecord<String, String>> records = TopicReader.readCommitted(bootstrap).readUntil(topic,
                all -> all.stream().anyMatch(r -> documentId.toString().equals(r.key())), Duration.ofSeconds(60));
        return records.stream().filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.JOBS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .findFirst().orElseThrow(() -> new AssertionError("no job on " + topic + " for " + documentId));
    }

    private static void awaitEvent(String bootstrap, UUID documentId, String type) {
        TopicReader.readCommitted(bootstrap).readUntil(Topics.EVENTS, all -> all.stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .anyMatch(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8)).type().equals(type)),
                Duration.ofSeconds(60));
    }
}
