package dev.docpipe.bench.confirm;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The outbox's relay, as teams build it: a thread polls unsent rows of {@code outbox}
 * ({@code FOR UPDATE SKIP LOCKED}), publishes each row's payload keyed by its document id, waits for the acks
 * and marks the rows sent in the same transaction. At least once: a relay that dies between the acks and the
 * commit publishes those rows again when it comes back. Used by the confirm benchmark's in-process approach
 * ({@link OutboxApproach}) and by the peer service behind HTTP ({@code dev.docpipe.bench.peer}).
 *
 * <p>{@link #armCrash()} makes the next batch die exactly in that window (its transaction rolled back, as
 * when the process dies); the relay then starts again after {@code restartDelay}.
 */
public final class OutboxRelay implements AutoCloseable {
    private final DataSource pool;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration restartDelay;
    private final AtomicBoolean crashArmed = new AtomicBoolean();
    private final AtomicInteger crashes = new AtomicInteger();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    /** @param pool connections with auto-commit off */
    public OutboxRelay(DataSource pool, Producer<String, byte[]> producer, String topic, int batchSize,
            Duration pollInterval, Duration restartDelay) {
        this.pool = pool;
        this.producer = producer;
        this.topic = topic;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.restartDelay = restartDelay;
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    private void loop() {
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
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // a pool may lend auto-commit connections (the peer's, as Spring Boot's default)
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, document_id, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? "
                            + "FOR UPDATE SKIP LOCKED")) {
                select.setInt(1, batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        acks.add(producer.send(new ProducerRecord<>(topic, rs.getObject(2).toString(), rs.getBytes(3))));
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
            batches.incrementAndGet();
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

    /** The next batch dies between publish and mark-sent; false if no batch came within 10 s. */
    public boolean armCrash() throws InterruptedException {
        crashArmed.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (crashArmed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return !crashArmed.get();
    }

    public int crashes() {
        return crashes.get();
    }

    /** Rows published by a batch that died before marking them sent. */
    public long republished() {
        return republished.get();
    }

    public long batches() {
        return batches.get();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
