package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Command-to-job latency as a scan worker sees it: fresh RegisterDocument commands at a steady rate
 * (sent like the API sends them: acks=all, idempotent, linger 2 ms), and a read_committed consumer on
 * {@code docpipe.jobs.scan} that matches each job (its id is derived from the command id) to the
 * moment its command was handed to the producer. The first {@code warmup} is sent but not counted.
 */
final class LatencyProbe {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    record Result(String name, int measured, int missing, Latencies latencies) {
        double percentileMillis(double q) {
            return latencies.percentileMs(q);
        }

        double maxMillis() {
            return latencies.maxMs();
        }

        /** Both rounds' samples together. */
        Result plus(Result other) {
            Latencies all = new Latencies().add(latencies).add(other.latencies);
            return new Result(name, measured + other.measured, missing + other.missing, all);
        }
    }

    private LatencyProbe() {}

    static Result run(String name, String bootstrap, int rate, Duration warmup, Duration measured, long seed)
            throws InterruptedException {
        int warmupCount = (int) (rate * warmup.toMillis() / 1000);
        int total = warmupCount + (int) (rate * measured.toMillis() / 1000);
        long[] sentAt = new long[total];
        long[] seenAt = new long[total];
        Map<UUID, Integer> pending = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);

        Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // The broker answers a fetch as soon as committed data is there; this only bounds
                    // how long an empty fetch is parked, so the probe adds at most ~10 ms when idle.
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_JOBS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // resolve the end now, before any command is sent
                ready.countDown();
                while (!stop.get() && seen.get() < total) {
                    var records = consumer.poll(Duration.ofMillis(5));
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        Integer index = pending.remove(ModelJson.JOBS.decode(record.value()).jobId());
                        if (index != null) {
                            seenAt[index] = now;
                            seen.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable e) {
                consumerFailure.set(e);
                ready.countDown();
            }
        }, "probe-latency-reader");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(30, TimeUnit.SECONDS) || consumerFailure.get() != null) {
            throw new IllegalStateException("latency reader did not start", consumerFailure.get());
        }

        Random random = new Random(seed);
        FileRef file = new FileRef("sha256:" + "ab".repeat(32), "image/jpeg", 420_000, "photo.jpg");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                UUID commandId = Workload.uuid(random);
                UUID documentId = Workload.uuid(random);
                Command command = new Command(commandId, documentId, Instant.now(), "account-latency",
                        new RegisterDocument(Workload.uuid(random), file));
                byte[] value = ModelJson.COMMANDS.encode(command);
                pending.put(JobIds.forCommand(commandId, JobKind.SCAN, 1), i);
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.COMMANDS,
                        documentId.toString().getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (seen.get() < total && System.nanoTime() < drainDeadline && consumerFailure.get() == null) {
            Thread.sleep(20);
        }
        stop.set(true);
        reader.join(10_000);
        if (consumerFailure.get() != null) {
            throw new IllegalStateException("latency reader failed", consumerFailure.get());
        }
        Latencies latencies = new Latencies();
        for (int i = warmupCount; i < total; i++) {
            if (seenAt[i] != 0) {
                latencies.record(seenAt[i] - sentAt[i]);
            }
        }
        int missing = total - warmupCount - (int) latencies.count();
        return new Result(name, total - warmupCount, missing, latencies);
    }
}
