package dev.docpipe.cli.it;

import dev.docpipe.model.Topics;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scan and OCR workers in one thread: answers every job (read_committed) with a success, except the OCR jobs of
 * documents told to {@link #failOcrOf fail}.
 */
final class FakeWorker implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<UUID> failingOcr = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    FakeWorker(String bootstrap) {
        thread = new Thread(() -> run(bootstrap), "fake-worker");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String bootstrap) {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "replay-cli-it-worker-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            consumer.subscribe(List.of(Topics.SCAN_JOBS, Topics.OCR_JOBS));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Job job;
                    try {
                        job = ModelJson.JOBS.decode(record.value());
                    } catch (RuntimeException injected) {
                        continue;
                    }
                    JobResult result = job.kind() == JobKind.OCR && failingOcr.contains(job.documentId())
                            ? new OcrFailed(job.jobId(), job.documentId(), Instant.now(), "OCR_ENGINE_MISSING", false,
                                    "the test's worker fails this document's OCR")
                            : job.kind() == JobKind.SCAN
                            ? new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(),
                                    new ScanReport("application/pdf", 2, null, null, 300, "de", true, List.of()))
                            : new OcrSucceeded(job.jobId(), job.documentId(), Instant.now(), "sha256:" + "e".repeat(64),
                                    120, "tesseract", job.engineVersion() == null ? "v1" : job.engineVersion());
                    producer.send(new ProducerRecord<>(Topics.JOB_RESULTS,
                            job.documentId().toString().getBytes(StandardCharsets.UTF_8),
                            ModelJson.RESULTS.encode(result)));
                }
                producer.flush();
            }
        } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
            // closing
        }
    }

    /** From now on, OCR jobs of these documents fail (not retryable); {@link #healOcr} ends that. */
    void failOcrOf(Collection<UUID> documents) {
        failingOcr.addAll(documents);
    }

    void healOcr() {
        failingOcr.clear();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
