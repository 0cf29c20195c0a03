package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.RedisServer;
import dev.docpipe.model.Ids;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.params.SetParams;

/**
 * Cache lock + check-then-act, as many Laravel/Rails backends do it: {@code SET lock:doc:<id> <token> NX PX
 * ttl}, retried every {@code lockRetry} for at most {@code lockWait} (Laravel's {@code Cache::lock()->block()});
 * if the lock cannot be had, the request is answered 409. Holding it: read the row, if SCANNED update it and
 * dispatch the job straight to Kafka, then release the lock (compare-and-delete script).
 *
 * <p>Injected crash: the request dies between the two side effects. {@link Order#UPDATE_FIRST} (commit the
 * state, then dispatch) loses the job; {@link Order#DISPATCH_FIRST} (dispatch, then commit) leaves the row
 * SCANNED, so a later confirm dispatches a second job. Either way the lock stays held until its TTL.
 */
public final class RedisLockApproach implements Approach {
    public static final String TOPIC = "bench.lock.jobs.ocr";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    public enum Order { UPDATE_FIRST, DISPATCH_FIRST }

    private final Database db;
    private final RedisServer redis;
    private final JedisPool jedis;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration ttl;
    private final Duration lockWait;
    private final Duration lockRetry;
    private final Order order;
    private final AtomicBoolean crashArmed = new AtomicBoolean();
    private final AtomicInteger crashes = new AtomicInteger();
    private final AtomicInteger lockAttemptsFailed = new AtomicInteger();

    public RedisLockApproach(String bootstrap, Database db, RedisServer redis, int poolSize, Duration ttl,
            Duration lockWait, Duration lockRetry, Order order) {
        this.db = db;
        this.redis = redis;
        this.ttl = ttl;
        this.lockWait = lockWait;
        this.lockRetry = lockRetry;
        this.order = order;
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setBlockWhenExhausted(true);
        this.jedis = new JedisPool(config, "127.0.0.1", redis.port(), 5_000);
        Kafka.ensureTopic(bootstrap, TOPIC);
        this.producer = Kafka.producer(bootstrap, "lock-dispatcher");
    }

    @Override
    public String name() {
        return "Redis lock + check-then-act (" + (lockWait.isZero() ? "no wait" : "wait " + lockWait.toMillis() + " ms")
                + (order == Order.DISPATCH_FIRST ? ", dispatch first)" : ")");
    }

    @Override
    public String jobTopic() {
        return TOPIC;
    }

    @Override
    public void prepare(List<UUID> documents) throws Exception {
        db.reset(documents);
        try (Jedis j = jedis.getResource()) {
            j.flushAll();
        }
    }

    @Override
    public Status confirm(Workload.Request request) throws Exception {
        String key = "lock:doc:" + request.documentId();
        String token = UUID.randomUUID().toString();
        if (!acquire(key, token)) {
            return Status.CONTENTION_409;
        }
        boolean release = true;
        try (Connection c = db.pool().getConnection()) {
            try {
                String state;
                try (PreparedStatement select = c.prepareStatement("SELECT state FROM documents WHERE id = ?")) {
                    select.setObject(1, request.documentId());
                    try (ResultSet rs = select.executeQuery()) {
                        state = rs.next() ? rs.getString(1) : null;
                    }
                }
                if (!"SCANNED".equals(state)) {
                    c.commit();
                    return Status.ALREADY_200;
                }
                if (order == Order.UPDATE_FIRST) {
                    update(c, request.documentId());
                    c.commit();
                    if (crashArmed.compareAndSet(true, false)) {
                        release = false; // the process is gone: nobody releases the lock
                        crashes.incrementAndGet();
                        return Status.ERROR_5XX;
                    }
                    dispatch(request);
                } else {
                    dispatch(request);
                    if (crashArmed.compareAndSet(true, false)) {
                        c.rollback();
                        release = false;
                        crashes.incrementAndGet();
                        return Status.ERROR_5XX;
                    }
                    update(c, request.documentId());
                    c.commit();
                }
                return Status.QUEUED_202;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            if (release) {
                try (Jedis j = jedis.getResource()) {
                    j.eval(RELEASE, List.of(key), List.of(token));
                }
            }
        }
    }

    private boolean acquire(String key, String token) throws InterruptedException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        SetParams params = SetParams.setParams().nx().px(ttl.toMillis());
        while (true) {
            try (Jedis j = jedis.getResource()) {
                if ("OK".equals(j.set(key, token, params))) {
                    return true;
                }
            }
            lockAttemptsFailed.incrementAndGet();
            if (System.nanoTime() + lockRetry.toNanos() > deadline) {
                return false;
            }
            Thread.sleep(lockRetry.toMillis());
        }
    }

    private static void update(Connection c, UUID documentId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE documents SET state = 'OCR_PENDING', updated_at = now() WHERE id = ?")) {
            update.setObject(1, documentId);
            update.executeUpdate();
        }
    }

    private void dispatch(Workload.Request request) throws Exception {
        Job job = new Job(Ids.derive(request.requestId(), "job/OCR"), request.documentId(), JobKind.OCR, 1,
                OutboxApproach.FILE, Instant.now().plus(Duration.ofMinutes(10)), null);
        producer.send(new ProducerRecord<>(TOPIC, request.documentId().toString(), ModelJson.JOBS.encode(job))).get();
    }

    @Override
    public String injectCrash() throws InterruptedException {
        crashArmed.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (crashArmed.get() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return crashArmed.get() ? "crash armed but no request reached the point"
                : order == Order.UPDATE_FIRST ? "request died after the UPDATE committed, before the dispatch"
                : "request died after the dispatch, before the UPDATE committed";
    }

    @Override
    public void drain(Duration timeout) {
        // dispatch is synchronous: nothing in flight once every request is answered
    }

    @Override
    public Map<String, Object> facts(Set<UUID> documents) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rows OCR_PENDING", db.count("SELECT count(*) FROM documents WHERE state = 'OCR_PENDING'"));
        facts.put("lock attempts refused (SET NX returned nil)", lockAttemptsFailed.get());
        if (crashes.get() > 0) {
            facts.put("requests killed mid-way", crashes.get());
        }
        return facts;
    }

    @Override
    public Set<Long> externalPids() {
        return Set.of(redis.pid(), db.postmasterPid());
    }

    @Override
    public void close() {
        jedis.close();
        producer.close(Duration.ofSeconds(10));
    }
}
