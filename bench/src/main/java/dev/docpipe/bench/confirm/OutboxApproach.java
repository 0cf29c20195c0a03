package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.model.Ids;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Guarded UPDATE + transactional outbox, as teams build it on PostgreSQL: the row count of
 * {@code UPDATE documents SET state='OCR_PENDING' WHERE id=? AND state='SCANNED'} decides, the job is written
 * to {@code outbox} in the same transaction, and a relay thread polls unsent rows
 * ({@code FOR UPDATE SKIP LOCKED}), publishes them to Kafka, waits for the acks and marks them sent.
 *
 * <p>Injected crash: the relay dies after Kafka acknowledged a batch and before {@code sent_at} is
 * committed (its transaction is rolled back, as when the process dies); a new relay starts after
 * {@code restartDelay} and publishes those rows again.
 */
public final class OutboxApproach implements Approach {
    public static final String TOPIC = "bench.outbox.jobs.ocr";
    static final FileRef FILE = new FileRef("sha256:" + "b".repeat(64), "application/pdf", 123_456, "scan.pdf");

    private final Database db;
    private final long postmasterPid;
    private final KafkaProducer<String, byte[]> producer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration restartDelay;
    private final AtomicBoolean crashArmed = new AtomicBoolean();
    private final AtomicInteger crashes = new AtomicInteger();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong relayBatches = new AtomicLong();
    private volatile boolean running;
    private Thread relay;

    public OutboxApproach(String bootstrap, Database db, int batchSize, Duration pollInterval, Duration restartDelay) {
        this.db = db;
        this.postmasterPid = db.postmasterPid();
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.restartDelay = restartDelay;
        Kafka.ensureTopic(bootstrap, TOPIC);
        this.producer = Kafka.producer(bootstrap, "outbox-relay");
    }

    @Override
    public String name() {
        return "guarded UPDATE + outbox (PostgreSQL)";
    }

    @Override
    public String jobTopic() {
        return TOPIC;
    }

    @Override
    public void prepare(List<UUID> documents) throws Exception {
        db.reset(documents);
        running = true;
        relay = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relayLoop);
    }

    @Override
    public Status confirm(Workload.Request request) throws SQLException {
        try (Connection c = db.pool().getConnection()) {
            try {
                int changed;
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE documents SET state = 'OCR_PENDING', updated_at = now() WHERE id = ? AND state = 'SCANNED'")) {
                    update.setObject(1, request.documentId());
                    changed = update.executeUpdate();
                }
                if (changed == 1) {
                    UUID jobId = Ids.derive(request.requestId(), "job/OCR");
                    Job job = new Job(jobId, request.documentId(), JobKind.OCR, 1, FILE,
                            Instant.now().plus(Duration.ofMinutes(10)), null);
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO outbox (document_id, job_id, payload) VALUES (?, ?, ?)")) {
                        insert.setObject(1, request.documentId());
                        insert.setObject(2, jobId);
                        insert.setBytes(3, ModelJson.JOBS.encode(job));
                        insert.executeUpdate();
                    }
                }
                c.commit();
                return changed == 1 ? Status.QUEUED_202 : Status.ALREADY_200;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void relayLoop() {
        while (running) {
            try {
                if (relayOnce() == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RelayCrash e) {
                try {
                    Thread.sleep(restartDelay.toMillis()); // the process restarts
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("outbox relay: " + e);
                }
            }
        }
    }

    private int relayOnce() throws Exception {
        try (Connection c = db.pool().getConnection()) {
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, document_id, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? "
                            + "FOR UPDATE SKIP LOCKED")) {
                select.setInt(1, batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        acks.add(producer.send(new ProducerRecord<>(TOPIC, rs.getObject(2).toString(), rs.getBytes(3))));
                    }
                }
            }
            if (ids.isEmpty()) {
                c.commit();
                return 0;
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // published and acknowledged (acks=all)
            }
            relayBatches.incrementAndGet();
            if (crashArmed.compareAndSet(true, false)) {
                // The process dies here: Kafka has the records, sent_at was never committed.
                c.rollback();
                crashes.incrementAndGet();
                republished.addAndGet(ids.size());
                throw new RelayCrash();
            }
            try (PreparedStatement mark = c.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY(?)")) {
                Array array = c.createArrayOf("bigint", ids.toArray());
                mark.setArray(1, array);
                mark.executeUpdate();
            }
            c.commit();
            return ids.size();
        }
    }

    private static final class RelayCrash extends RuntimeException {
        RelayCrash() {
            super(null, null, false, false);
        }
    }

    @Override
    public String injectCrash() throws InterruptedException {
        crashArmed.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (crashArmed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return crashArmed.get() ? "relay crash armed but no batch came" : "relay killed between publish and mark-sent";
    }

    @Override
    public void drain(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (db.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public Map<String, Object> facts(Set<UUID> documents) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rows OCR_PENDING", db.count("SELECT count(*) FROM documents WHERE state = 'OCR_PENDING'"));
        facts.put("outbox rows", db.count("SELECT count(*) FROM outbox"));
        facts.put("outbox unsent", db.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL"));
        facts.put("relay batches", relayBatches.get());
        if (crashes.get() > 0) {
            facts.put("relay crashes", crashes.get());
            facts.put("rows published before the crash, not marked sent", republished.get());
        }
        return facts;
    }

    @Override
    public Set<Long> externalPids() {
        return Set.of(postmasterPid);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (relay != null) {
            relay.interrupt();
            relay.join(10_000);
        }
        producer.close(Duration.ofSeconds(10));
    }
}
