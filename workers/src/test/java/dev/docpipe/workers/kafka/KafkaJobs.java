package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes job records as the pipeline would, and reads what the workers answered. */
final class KafkaJobs implements AutoCloseable {
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;

    KafkaJobs() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(2, Topics.SCAN_JOBS, Topics.OCR_JOBS, Topics.JOB_RESULTS, Topics.DLQ);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    RecordMetadata publish(Job job) {
        return publishRaw(job.kind().topic(), job.documentId().toString(), ModelJson.JOBS.encode(job));
    }

    RecordMetadata publishRaw(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code job} in a transaction that is then aborted, as a crashed pipeline would leave it. */
    void publishAborted(Job job) {
        try (KafkaProducer<String, byte[]> tx = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-pipeline-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(job.kind().topic(), job.documentId().toString(), ModelJson.JOBS.encode(job)));
            tx.flush(); // on the broker's log, so a read_uncommitted consumer would see it
            tx.abortTransaction();
        }
    }

    /** Waits for the result of {@code jobId}; fails with what was read if none comes. */
    static JobResult awaitResult(UUID jobId) {
        List<JobResult> results = resultsUntil(r -> r.stream().anyMatch(x -> x.jobId().equals(jobId)), RESULT_TIMEOUT);
        return results.stream().filter(r -> r.jobId().equals(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for job " + jobId + " within " + RESULT_TIMEOUT));
    }

    /** Every committed result naming {@code jobId}. */
    static List<JobResult> resultsFor(UUID jobId) {
        return TopicReader.readCommitted().readAll(Topics.JOB_RESULTS).stream()
                .map(KafkaJobs::decodeChecked)
                .filter(r -> r.jobId().equals(jobId))
                .toList();
    }

    static List<ConsumerRecord<String, String>> deadLettersWithKey(String key, int atLeast) {
        return TopicReader.readCommitted().readUntil(Topics.DLQ,
                        r -> r.stream().filter(x -> key.equals(x.key())).count() >= atLeast, RESULT_TIMEOUT)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<JobResult> resultsUntil(java.util.function.Predicate<List<JobResult>> done, Duration timeout) {
        var records = TopicReader.readCommitted().readUntil(Topics.JOB_RESULTS,
                r -> done.test(r.stream().map(KafkaJobs::decodeChecked).toList()), timeout);
        return records.stream().map(KafkaJobs::decodeChecked).toList();
    }

    /** Every result must be keyed by its document id, as the pipeline's co-partitioning needs. */
    private static JobResult decodeChecked(ConsumerRecord<String, String> record) {
        JobResult result = ModelJson.RESULTS.decode(record.value().getBytes(StandardCharsets.UTF_8));
        assertThat(record.key()).isEqualTo(result.documentId().toString());
        return result;
    }

    @Override
    public void close() {
        producer.close();
    }
}
