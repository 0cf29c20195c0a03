package dev.docpipe.api.support;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the workers module: reads jobs (read_committed) and reports results, so documents
 * move through the real pipeline.
 */
public final class Workers implements AutoCloseable {
    private final String bootstrapServers;
    private final BlobStore blobs;
    private final KafkaProducer<String, byte[]> producer;

    public Workers(String bootstrapServers, BlobStore blobs) {
        this.bootstrapServers = bootstrapServers;
        this.blobs = blobs;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The jobs of one document on a job topic, as a read_committed consumer sees them. */
    public List<Job> jobs(String topic, UUID documentId) {
        return TopicReader.readCommitted(bootstrapServers).readAll(topic).stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.JOBS.decode(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
    }

    /** Waits for the document's n-th job on a job topic. */
    public Job awaitJob(String topic, UUID documentId, int nth) {
        List<ConsumerRecord<String, String>> records = TopicReader.readCommitted(bootstrapServers).readUntil(topic,
                rs -> rs.stream().filter(r -> documentId.toString().equals(r.key())).count() >= nth,
                Duration.ofSeconds(30));
        List<Job> jobs = records.stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.JOBS.decode(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        if (jobs.size() < nth) {
            throw new AssertionError("no job #" + nth + " for " + documentId + " on " + topic + ": " + jobs);
        }
        return jobs.get(nth - 1);
    }

    public void scanSucceeded(Job job) {
        report(new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(),
                new ScanReport("application/pdf", 2, 2480, 3508, 300, "de", false, List.of())));
    }

    /** Stores {@code text} in the blob store the API reads, and reports it as the OCR result. */
    public void ocrSucceeded(Job job, String text) {
        try {
            var blob = blobs.putText(text);
            report(new OcrSucceeded(job.jobId(), job.documentId(), Instant.now(), blob.ref().value(),
                    text.length(), "tesseract", "5.3.0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports the OCR job as failed for good (not retryable): the document goes to OCR_FAILED. */
    public void ocrFailed(Job job) {
        report(new OcrFailed(job.jobId(), job.documentId(), Instant.now(), "CORRUPT_FILE", false, "unreadable page"));
    }

    public void report(JobResult result) {
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, result.documentId().toString(),
                    ModelJson.RESULTS.encode(result))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
