package dev.docpipe.bench.pipeline;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.PersonalFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pre-produced input: per document, in order, RegisterDocument, the scan job's ScanSucceeded,
 * 1-3 ConfirmScan (the first accepted, the rest ALREADY_DONE), a Rescan (REJECTED: already
 * confirmed), the OCR job's OcrSucceeded and an EditReview; then 30 % of all records are re-sends of
 * an earlier command of the same document (same commandId, same bytes), placed after the original.
 * Documents are interleaved ({@code activeDocuments} at a time) and record timestamps increase by
 * 1 ms per record, so Kafka Streams processes a document's commands and results in this order.
 */
public final class Workload {
    static final double DUPLICATE_RATIO = 0.30;
    private static final ScanReport REPORT = new ScanReport("application/pdf", 2, 2480, 3508, 300, "de", true, List.of());
    private static final ReviewPatch PATCH =
            new ReviewPatch("Zeugnis Halbjahr", "Mathematik", "de", List.of("school", "grade-5"), null);

    /** @param lastTimestamp the newest record timestamp produced */
    public record Stats(long documents, long commands, long results, long duplicates, long bytes, double seconds,
            Map<String, Long> expected, long lastTimestamp) {
        public long records() {
            return commands + results;
        }
    }

    private Workload() {}

    public static Stats produce(String bootstrap, PipelineOptions options) {
        return produce(bootstrap, options, options.seed(), null);
    }

    /**
     * @param sealer null: personal fields in plain text; else each document gets its data key (a row in
     *     PostgreSQL, as the API creates it) and its commands' personal fields are sealed with it
     */
    static Stats produce(String bootstrap, PipelineOptions options, long seed, PersonalFields sealer) {
        return produce(bootstrap, options, seed, sealer, -1);
    }

    /**
     * The workload on top of a log that already holds records up to {@code notBefore} (the curves benchmark's
     * cumulative loads). Kafka Streams decided a document's job result before its registration when both carried
     * timestamps older than records it had already processed, so every timestamp here is at least
     * {@code notBefore}. One millisecond per record would put a million documents' records hours into the future,
     * past what the broker accepts; so the timestamps come from a {@link TopicSwitchClock}.
     */
    public static Stats produceAfter(String bootstrap, PipelineOptions options, long notBefore) {
        return produce(bootstrap, options, options.seed(), null, Math.max(0, notBefore));
    }

    /** @param notBefore below 0: one millisecond per record, ending about now; else {@link #produceAfter} */
    private static Stats produce(String bootstrap, PipelineOptions options, long seed, PersonalFields sealer,
            long notBefore) {
        Random random = new Random(seed);
        long[] tally = new long[6]; // accepted, already-done, rejected, duplicate, results, bytes
        long base = System.currentTimeMillis() - options.documents() * 10L;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        long commands = 0;
        long results = 0;
        long newest = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<List<Planned>> active = new ArrayList<>();
            int[] cursor = new int[options.activeDocuments()];
            int next = 0;
            while (active.size() < options.activeDocuments() && next < options.documents()) {
                active.add(plan(next++, random, tally, sealer));
            }
            long sequence = 0;
            TopicSwitchClock clock = new TopicSwitchClock(Math.max(notBefore, System.currentTimeMillis()));
            while (!active.isEmpty()) {
                int slot = random.nextInt(active.size());
                List<Planned> document = active.get(slot);
                Planned planned = document.get(cursor[slot]++);
                long timestamp;
                if (notBefore < 0) {
                    timestamp = base + sequence;
                } else {
                    Planned previous = cursor[slot] >= 2 ? document.get(cursor[slot] - 2) : null;
                    timestamp = previous == null ? clock.next(null, 0, planned.topic)
                            : clock.next(previous.topic, previous.timestamp, planned.topic);
                }
                sequence++;
                planned.timestamp = timestamp;
                newest = Math.max(newest, timestamp);
                byte[] value = planned.original != null ? planned.original.bytes
                        : (planned.bytes = planned.encode.apply(Instant.ofEpochMilli(timestamp)));
                tally[5] += value.length;
                if (planned.topic.equals(Topics.COMMANDS)) {
                    commands++;
                } else {
                    results++;
                }
                producer.send(new ProducerRecord<>(planned.topic, null, timestamp, planned.key, value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (cursor[slot] == document.size()) {
                    cursor[slot] = 0;
                    if (next < options.documents()) {
                        active.set(slot, plan(next++, random, tally, sealer));
                    } else {
                        int last = active.size() - 1;
                        active.set(slot, active.get(last));
                        cursor[slot] = cursor[last];
                        active.remove(last);
                    }
                }
                if (failure.get() != null) {
                    break;
                }
                if ((sequence & 0xFFF) == 0 && System.nanoTime() - started > options.phaseTimeout().toNanos()) {
                    throw new IllegalStateException("producing the workload took longer than " + options.phaseTimeout()
                            + " (" + sequence + " records sent)");
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing the workload failed", failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Stats(options.documents(), commands, results, tally[3], tally[5], seconds, Map.of(
                "ACCEPTED", tally[0], "ALREADY_DONE", tally[1], "REJECTED", tally[2], "DUPLICATE", tally[3],
                "results accepted", tally[4]), newest);
    }

    /** One document's records in order, duplicates included. */
    private static List<Planned> plan(int index, Random random, long[] tally, PersonalFields sealer) {
        UUID documentId = uuid(random);
        byte[] key = documentId.toString().getBytes(StandardCharsets.UTF_8);
        String actor = "account-" + (index % 5_000);
        FileRef file = new FileRef("sha256:" + hex(random), "application/pdf", 180_000 + random.nextInt(900_000),
                "scan-" + index + ".pdf");
        List<Planned> records = new ArrayList<>(12);
        UUID register = uuid(random);
        UUID childId = uuid(random);
        if (sealer != null) {
            sealer.keys().create(documentId, childId);
        }
        records.add(command(key, register, documentId, actor, new RegisterDocument(childId, file), sealer));
        UUID scanJob = JobIds.forCommand(register, JobKind.SCAN, 1);
        records.add(result(key, at -> ModelJson.RESULTS.encode(new ScanSucceeded(scanJob, documentId, at, REPORT))));
        int confirms = 1 + random.nextInt(3);
        UUID firstConfirm = null;
        for (int i = 0; i < confirms; i++) {
            UUID confirm = uuid(random);
            firstConfirm = firstConfirm == null ? confirm : firstConfirm;
            records.add(command(key, confirm, documentId, actor, new ConfirmScan(), sealer));
        }
        records.add(command(key, uuid(random), documentId, actor, new Rescan(1), sealer));
        UUID ocrJob = JobIds.forCommand(firstConfirm, JobKind.OCR, 1);
        String textRef = "sha256:" + hex(random);
        records.add(result(key, at -> ModelJson.RESULTS.encode(
                new OcrSucceeded(ocrJob, documentId, at, textRef, 1_834, "tesseract", "5.3.0"))));
        records.add(command(key, uuid(random), documentId, actor, new EditReview(0, PATCH), sealer));

        double wanted = records.size() * DUPLICATE_RATIO / (1 - DUPLICATE_RATIO);
        int duplicates = (int) wanted + (random.nextDouble() < wanted - (int) wanted ? 1 : 0);
        for (int d = 0; d < duplicates; d++) {
            int original;
            do {
                original = random.nextInt(records.size());
            } while (!records.get(original).topic.equals(Topics.COMMANDS) || records.get(original).original != null);
            Planned first = records.get(original);
            records.add(original + 1 + random.nextInt(records.size() - original), new Planned(first.topic, key, null, first));
        }
        tally[0] += 3;
        tally[1] += confirms - 1;
        tally[2] += 1;
        tally[3] += duplicates;
        tally[4] += 2;
        return records;
    }

    /** Sealed, when there is a sealer, at encoding: the API seals each command it builds, right before sending. */
    private static Planned command(byte[] key, UUID commandId, UUID documentId, String actor, CommandPayload payload,
            PersonalFields sealer) {
        return new Planned(Topics.COMMANDS, key, at -> {
            Command command = new Command(commandId, documentId, at, actor, payload);
            return ModelJson.COMMANDS.encode(sealer == null ? command : sealer.seal(command));
        }, null);
    }

    private static Planned result(byte[] key, Function<Instant, byte[]> encode) {
        return new Planned(Topics.JOB_RESULTS, key, encode, null);
    }

    static UUID uuid(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static String hex(Random random) {
        return "%016x%016x%016x%016x".formatted(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    /** A record to send; a duplicate re-sends {@code original}'s bytes. */
    private static final class Planned {
        final String topic;
        final byte[] key;
        final Function<Instant, byte[]> encode;
        final Planned original;
        byte[] bytes;
        long timestamp;

        Planned(String topic, byte[] key, Function<Instant, byte[]> encode, Planned original) {
            this.topic = topic;
            this.key = key;
            this.encode = encode;
            this.original = original;
        }
    }
}
