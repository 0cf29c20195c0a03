package dev.docpipe.bench.infra;

import dev.docpipe.model.Topics;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A benchmark's stand-in for the scan workers: every scan job of the given documents succeeds. */
public final class ScanJobs {
    private ScanJobs() {}

    /** Answers the scan job of each document with ScanSucceeded, as a scan worker would. */
    public static void succeedAll(String bootstrap, Set<String> documentIds) {
        Set<String> done = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_JOBS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (done.size() < documentIds.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (documentIds.contains(r.key()) && done.add(r.key())) {
                        Job job = ModelJson.JOBS.decode(r.value());
                        producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, r.key(), ModelJson.RESULTS.encode(
                                new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(),
                                        new ScanReport("application/pdf", 1, null, null, 300, "de", true, List.of())))));
                    }
                }
            }
            producer.flush();
        }
        if (done.size() < documentIds.size()) {
            throw new IllegalStateException("scan jobs missing: " + (documentIds.size() - done.size()));
        }
    }
}
