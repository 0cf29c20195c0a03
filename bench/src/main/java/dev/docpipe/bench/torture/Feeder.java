package dev.docpipe.bench.torture;

import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Tail;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Drives the pipeline like its users and workers do, whatever happens to the Streams processes:
 * registers {@code documents} new documents evenly over {@code feedTime} (each RegisterDocument sent twice
 * with the same commandId: a client retry); a scan worker answers every scan job read_committed with
 * ScanSucceeded; once a document is seen SCANNED on the event log, {@code confirmIds} different clients
 * confirm it, each sending its command {@code sendsPerConfirm} times. With the defaults (4 x 2) every
 * document gets 10 commands: the suite's "10x duplication". Every send is counted, because every send must
 * get exactly one outcome.
 */
public final class Feeder implements AutoCloseable {
    private static final FileRef FILE = new FileRef("sha256:" + "e".repeat(64), "application/pdf", 4_096, "page.pdf");
    private static final ScanReport REPORT = new ScanReport("application/pdf", 1, null, null, null, "en", true, List.of());

    private final String bootstrap;
    private final int documents;
    private final Duration feedTime;
    private final int confirmIds;
    private final int sendsPerConfirm;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<UUID> registered = ConcurrentHashMap.newKeySet();
    private final Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<UUID> withOcrJob = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> sends = new ConcurrentHashMap<>();
    private final AtomicLong outcomes = new AtomicLong();
    private final AtomicLong totalSends = new AtomicLong();
    private final List<Tail> tails = new ArrayList<>();
    private volatile boolean feeding = true;
    private Thread feeder;

    public Feeder(String bootstrap, int documents, Duration feedTime, int confirmIds, int sendsPerConfirm) {
        this.bootstrap = bootstrap;
        this.documents = documents;
        this.feedTime = feedTime;
        this.confirmIds = confirmIds;
        this.sendsPerConfirm = sendsPerConfirm;
        this.producer = Kafka.producer(bootstrap, "torture-feeder");
    }

    public Feeder start() {
        tails.add(Tail.fromEnd(bootstrap, Topics.SCAN_JOBS, this::onScanJob));
        tails.add(Tail.fromEnd(bootstrap, Topics.EVENTS, this::onEvent));
        tails.add(Tail.fromEnd(bootstrap, Topics.OCR_JOBS, r -> {
            UUID doc = Tail.documentId(r);
            if (doc != null && registered.contains(doc)) {
                withOcrJob.add(doc);
            }
        }));
        tails.add(Tail.fromEnd(bootstrap, Topics.COMMAND_OUTCOMES, r -> {
            UUID doc = Tail.documentId(r);
            if (doc != null && registered.contains(doc)) {
                outcomes.incrementAndGet();
            }
        }));
        feeder = Thread.ofPlatform().name("torture-feeder").start(this::feed);
        return this;
    }

    private void feed() {
        long start = System.nanoTime();
        for (int i = 0; i < documents && feeding; i++) {
            long due = start + feedTime.toNanos() * i / documents;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            UUID doc = UUID.randomUUID();
            registered.add(doc);
            Command register = new Command(UUID.randomUUID(), doc, Instant.now(), "torture-account",
                    new RegisterDocument(UUID.randomUUID(), FILE));
            send(register);
            send(register); // the client's retry
        }
        producer.flush();
    }

    private void onScanJob(ConsumerRecord<String, byte[]> record) {
        UUID doc = Tail.documentId(record);
        if (doc != null && registered.contains(doc)) {
            Job job = ModelJson.JOBS.decode(record.value());
            ScanSucceeded result = new ScanSucceeded(job.jobId(), doc, Instant.now(), REPORT);
            producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, doc.toString(), ModelJson.RESULTS.encode(result)));
        }
    }

    private void onEvent(ConsumerRecord<String, byte[]> record) {
        UUID doc = Tail.documentId(record);
        if (doc == null || !registered.contains(doc)) {
            return;
        }
        RecordedEvent event = ModelJson.EVENTS.decode(record.value());
        if (event.type().equals("DocumentScanned") && confirmed.add(doc)) {
            for (int c = 0; c < confirmIds; c++) {
                Command confirm = new Command(UUID.randomUUID(), doc, Instant.now(), "torture-client-" + c,
                        new ConfirmScan());
                for (int s = 0; s < sendsPerConfirm; s++) {
                    send(confirm);
                }
            }
        }
    }

    private void send(Command command) {
        sends.merge(command.commandId(), 1, Integer::sum);
        totalSends.incrementAndGet();
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command)));
    }

    /** True once every document is registered, has its OCR job, and every send has an outcome. */
    public boolean done() {
        return !feeder.isAlive() && withOcrJob.size() == documents && outcomes.get() >= totalSends.get();
    }

    /** Waits for {@link #done()} and returns it. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        producer.flush();
        return done();
    }

    /** Outcomes seen so far for this run's documents. */
    public long outcomes() {
        return outcomes.get();
    }

    public boolean feeding() {
        return feeder.isAlive();
    }

    public String progress() {
        return "registered %,d/%,d, confirmed %,d, with OCR job %,d, outcomes %,d/%,d sends".formatted(
                registered.size(), documents, confirmed.size(), withOcrJob.size(), outcomes.get(), totalSends.get());
    }

    public Set<UUID> documents() {
        return Set.copyOf(registered);
    }

    public Map<UUID, Integer> sends() {
        return Map.copyOf(sends);
    }

    public long totalSends() {
        return totalSends.get();
    }

    @Override
    public void close() throws InterruptedException {
        feeding = false;
        if (feeder != null) {
            feeder.join(10_000);
        }
        tails.forEach(Tail::close);
        producer.close(Duration.ofSeconds(10));
    }
}
