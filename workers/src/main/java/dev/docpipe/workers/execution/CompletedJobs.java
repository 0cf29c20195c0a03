package dev.docpipe.workers.execution;

import dev.docpipe.model.Topics;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.workers.config.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Which jobs already have a result, read from {@code docpipe.job-results} itself.
 *
 * <p>The result topic is the durable record of completed jobs: a worker writes a result in the
 * same Kafka transaction as the consumed job offset, so "a committed result for jobId X exists" is
 * exactly "job X was executed". A second record of the same job (a replay, a re-driven topic, a
 * reset consumer group) is then recognised by any worker instance, also after restarts, without a
 * second store that could disagree with Kafka.
 *
 * <p>Only the last {@code docpipe.worker.dedup-horizon} of results is kept: a job older than its
 * lease is skipped as expired before this index is asked, and a result is never older than its
 * job, so older entries can never matter.
 *
 * <p>Before each job the index is brought up to the topic's last stable offset ({@link
 * #awaitCaughtUp}), so a result another instance committed before this job was handed over is
 * seen. Results committed by this instance are added as soon as their transaction commits ({@link
 * #markDone}), because a transaction's markers reach the topic a moment after the commit returns.
 */
public class CompletedJobs implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CompletedJobs.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration REFRESH_PARTITIONS = Duration.ofMinutes(1);
    private static final long MIN_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Admin admin;
    private final Clock clock;
    private final Duration horizon;
    private final Duration catchUpTimeout;

    private final Map<UUID, Long> completedAt = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;
    private boolean warnedMissingTopic; // poll thread only

    public CompletedJobs(Supplier<Consumer<String, byte[]>> consumers, Admin admin, Clock clock,
            WorkerProperties properties) {
        this.consumers = consumers;
        this.admin = admin;
        this.clock = clock;
        this.horizon = properties.dedupHorizon();
        this.catchUpTimeout = properties.catchUpTimeout();
    }

    public boolean isDone(UUID jobId) {
        return completedAt.containsKey(jobId);
    }

    /** Called once this instance's transaction holding the job's result has committed. */
    public void markDone(UUID jobId) {
        completedAt.put(jobId, clock.millis());
    }

    /**
     * Waits until every committed result up to now is in the index.
     *
     * @throws IllegalStateException if that takes longer than {@code docpipe.worker.catch-up-timeout}:
     *     the job's transaction then rolls back and the record is retried, rather than risking a
     *     second execution
     */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        Map<TopicPartition, Long> targets = lastStableOffsets();
        synchronized (progress) {
            while (!caughtUp(targets)) {
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMillis <= 0 || !running) {
                    throw new IllegalStateException("completed-jobs index did not reach " + targets + " within "
                            + catchUpTimeout + " (at " + positions + ")");
                }
                try {
                    progress.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the completed-jobs index", e);
                }
            }
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(t -> positions.getOrDefault(t.getKey(), -1L) >= t.getValue());
    }

    private Map<TopicPartition, Long> lastStableOffsets() {
        try {
            var partitions = admin.describeTopics(List.of(Topics.JOB_RESULTS)).allTopicNames()
                    .get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS).get(Topics.JOB_RESULTS).partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(Topics.JOB_RESULTS, p.partition()), OffsetSpec.latest()));
            // read_committed: the end as a read_committed reader will see it, open transactions excluded.
            var offsets = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> targets = new HashMap<>();
            offsets.forEach((tp, info) -> targets.put(tp, info.offset()));
            return targets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + Topics.JOB_RESULTS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "completed-jobs-index");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the listener containers, whose jobs wait on this index. */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * Polls until stopped. A failure (broker gone, topic deleted, a bug) does not end the index: it
     * logs, waits and starts over with a fresh consumer from the horizon. Meanwhile {@link
     * #awaitCaughtUp} times out, so jobs roll back and are retried rather than run unchecked.
     */
    private void run() {
        long backoffMillis = MIN_BACKOFF_MILLIS;
        while (running) {
            try (Consumer<String, byte[]> c = consumers.get()) {
                consumer = c;
                pollUntilStopped(c);
            } catch (WakeupException e) {
                // stop() woke the poll
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.error("completed-jobs index failed; starting over in {} ms (jobs roll back until then)",
                        backoffMillis, e);
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            } finally {
                consumer = null;
            }
        }
    }

    private void pollUntilStopped(Consumer<String, byte[]> c) {
        long nextRefresh = 0;
        long nextEviction = 0;
        while (running) {
            if (System.currentTimeMillis() >= nextRefresh) {
                assignNewPartitions(c);
                nextRefresh = System.currentTimeMillis()
                        + (c.assignment().isEmpty() ? 1000 : REFRESH_PARTITIONS.toMillis());
            }
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                index(record);
            }
            for (TopicPartition tp : c.assignment()) {
                positions.put(tp, c.position(tp));
            }
            synchronized (progress) {
                progress.notifyAll();
            }
            if (System.currentTimeMillis() >= nextEviction) {
                long oldest = clock.millis() - horizon.toMillis();
                completedAt.values().removeIf(at -> at < oldest);
                nextEviction = System.currentTimeMillis() + 60_000;
            }
        }
    }

    private void pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void index(ConsumerRecord<String, byte[]> record) {
        try {
            JobResult result = ModelJson.RESULTS.decode(record.value());
            completedAt.put(result.jobId(), record.timestamp());
        } catch (RejectedRecordException e) {
            // Not ours to judge: the pipeline dead-letters unreadable results.
        }
    }

    /** New partitions start at the horizon: nothing older can still be a live job's result. */
    private void assignNewPartitions(Consumer<String, byte[]> c) {
        var known = c.partitionsFor(Topics.JOB_RESULTS);
        if (known == null || known.isEmpty()) {
            if (!warnedMissingTopic) {
                log.warn("topic {} not found yet; jobs wait (and roll back) until it exists", Topics.JOB_RESULTS);
                warnedMissingTopic = true;
            }
            return;
        }
        List<TopicPartition> all = known.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        List<TopicPartition> added = all.stream().filter(tp -> !c.assignment().contains(tp)).toList();
        if (added.isEmpty()) {
            return;
        }
        c.assign(all);
        Map<TopicPartition, Long> since = new HashMap<>();
        added.forEach(tp -> since.put(tp, clock.millis() - horizon.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(since);
        for (TopicPartition tp : added) {
            OffsetAndTimestamp start = starts.get(tp);
            if (start == null) {
                c.seekToEnd(List.of(tp)); // nothing within the horizon
            } else {
                c.seek(tp, start.offset());
            }
        }
        log.info("completed-jobs index reads {} from {} back", added, horizon);
    }
}
