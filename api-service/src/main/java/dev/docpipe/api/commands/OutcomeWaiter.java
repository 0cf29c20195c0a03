package dev.docpipe.api.commands;

import dev.docpipe.model.Topics;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes waiting requests with their command's outcome. Every API instance reads <em>all</em>
 * partitions of {@code docpipe.command-outcomes} itself (assign, no consumer group, from the end as
 * of its start, read_committed), so each instance sees the outcomes of the commands it sent, however
 * many instances run. A request registers its commandId before the command is produced, so an
 * outcome can never arrive unseen.
 */
public class OutcomeWaiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeWaiter.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final ConcurrentHashMap<UUID, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<CommandOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public OutcomeWaiter(Map<String, Object> baseConsumerConfig, String topic) {
        Map<String, Object> config = new HashMap<>(baseConsumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-api-outcomes-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumerConfig = config;
        this.topic = topic;
    }

    public static OutcomeWaiter forOutcomesTopic(Map<String, Object> baseConsumerConfig) {
        return new OutcomeWaiter(baseConsumerConfig, Topics.COMMAND_OUTCOMES);
    }

    /** Starts consuming; waits up to {@code readyWithin} for the partitions to be positioned. */
    public void start(Duration readyWithin) {
        running = true;
        thread = Thread.ofPlatform().name("outcome-waiter").daemon().start(this::run);
        try {
            if (!positioned.await(readyWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} not assigned within {}; outcomes will be waited for once it is", topic, readyWithin);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the outcome topic is assigned and positioned (readiness). */
    public boolean isReady() {
        return running && positioned.getCount() == 0;
    }

    /** Registers interest in a command's outcome; call before producing the command. */
    public CompletableFuture<CommandOutcome> expect(UUID commandId) {
        CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
        pending.put(commandId, future);
        return future;
    }

    public void forget(UUID commandId) {
        pending.remove(commandId);
    }

    /** The outcome, or null if it did not arrive within {@code wait}. */
    public CommandOutcome await(UUID commandId, CompletableFuture<CommandOutcome> future, Duration wait) {
        try {
            return future.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pending.remove(commandId, future);
        }
    }

    /**
     * Tells {@code listener} of every outcome this instance reads (e.g. long-polls of GET /commands/{id}); it runs on
     * the consumer's thread, so it must not block.
     */
    public void addListener(Consumer<CommandOutcome> listener) {
        listeners.add(listener);
    }

    public int pendingCount() {
        return pending.size();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig)) {
            consumer = c;
            int assigned = 0;
            long nextCheck = 0;
            while (running) {
                try {
                    if (System.nanoTime() >= nextCheck || assigned == 0) {
                        assigned = assign(c, assigned);
                        nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                        if (assigned == 0) {
                            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                        deliver(record);
                    }
                } catch (WakeupException e) {
                    // stop() or a reassignment woke us
                } catch (RuntimeException e) {
                    if (running) {
                        log.warn("outcome consumer failed; retrying", e);
                        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Assigns every partition; partitions new since the last call are read from their beginning. */
    private int assign(KafkaConsumer<String, byte[]> c, int alreadyAssigned) {
        List<TopicPartition> partitions;
        try {
            partitions = c.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
        } catch (RuntimeException e) {
            log.debug("partitions of {} not available yet: {}", topic, e.toString());
            return alreadyAssigned;
        }
        if (partitions.size() <= alreadyAssigned) {
            return alreadyAssigned;
        }
        boolean first = alreadyAssigned == 0;
        List<TopicPartition> added = partitions.stream().filter(p -> !c.assignment().contains(p)).toList();
        c.assign(partitions);
        if (first) {
            c.seekToEnd(partitions);
        } else {
            c.seekToBeginning(added);
        }
        partitions.forEach(c::position); // resolve the lazy seeks now: from here on nothing is missed
        positioned.countDown();
        log.info("reading outcomes from {} partitions of {}", partitions.size(), topic);
        return partitions.size();
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        CommandOutcome outcome;
        try {
            outcome = ModelJson.OUTCOMES.decode(record.value());
        } catch (RejectedRecordException e) {
            log.warn("unreadable outcome at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        CompletableFuture<CommandOutcome> future = pending.remove(outcome.commandId());
        if (future != null) {
            future.complete(outcome);
        }
        for (Consumer<CommandOutcome> listener : listeners) {
            try {
                listener.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("an outcome listener failed for {}", outcome.commandId(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pending.values().forEach(f -> f.cancel(false));
    }
}
