package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.model.Ids;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Guarded UPDATE + transactional outbox, as teams build it on PostgreSQL: the row count of
 * {@code UPDATE documents SET state='OCR_PENDING' WHERE id=? AND state='SCANNED'} decides, the job is written
 * to {@code outbox} in the same transaction, and the {@link OutboxRelay} publishes it to Kafka.
 *
 * <p>Injected crash: the relay dies after Kafka acknowledged a batch and before {@code sent_at} is
 * committed; a new relay starts after {@code restartDelay} and publishes those rows again.
 */
public final class OutboxApproach implements Approach {
    public static final String TOPIC = "bench.outbox.jobs.ocr";
    static final FileRef FILE = new FileRef("sha256:" + "b".repeat(64), "application/pdf", 123_456, "scan.pdf");

    private final Database db;
    private final long postmasterPid;
    private final KafkaProducer<String, byte[]> producer;
    private final OutboxRelay relay;

    public OutboxApproach(String bootstrap, Database db, int batchSize, Duration pollInterval, Duration restartDelay) {
        this.db = db;
        this.postmasterPid = db.postmasterPid();
        Kafka.ensureTopic(bootstrap, TOPIC);
        this.producer = Kafka.producer(bootstrap, "outbox-relay");
        this.relay = new OutboxRelay(db.pool(), producer, TOPIC, batchSize, pollInterval, restartDelay);
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
        relay.start();
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

    @Override
    public String injectCrash() throws InterruptedException {
        return relay.armCrash() ? "relay killed between publish and mark-sent" : "relay crash armed but no batch came";
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
        facts.put("relay batches", relay.batches());
        if (relay.crashes() > 0) {
            facts.put("relay crashes", relay.crashes());
            facts.put("rows published before the crash, not marked sent", relay.republished());
        }
        return facts;
    }

    @Override
    public Set<Long> externalPids() {
        return Set.of(postmasterPid);
    }

    @Override
    public void close() throws InterruptedException {
        relay.close();
        producer.close(Duration.ofSeconds(10));
    }
}
