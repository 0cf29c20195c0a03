package dev.docpipe.workers.execution;

import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectReason;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.workers.tracing.JobSpan;
import dev.docpipe.workers.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One job record, inside the listener container's Kafka transaction: whatever this sends (a
 * result, a dead letter) commits together with the record's offset, or neither does.
 *
 * <p>Order of checks: unreadable → DLQ; deadline passed → skip; result exists → skip; otherwise
 * execute and send exactly the result the executor returned, for exactly this job.
 */
@Component
public class JobRecordHandler {
    private static final Logger log = LoggerFactory.getLogger(JobRecordHandler.class);

    private final KafkaTemplate<String, byte[]> template;
    private final DeadLetters deadLetters;
    private final CompletedJobs completed;
    private final WorkerMetrics metrics;
    private final ShutdownSignal shutdown;
    private final Clock clock;
    private final JobTracing tracing;

    public JobRecordHandler(KafkaTemplate<String, byte[]> template, DeadLetters deadLetters, CompletedJobs completed,
            WorkerMetrics metrics, ShutdownSignal shutdown, Clock clock, JobTracing tracing) {
        this.template = template;
        this.deadLetters = deadLetters;
        this.completed = completed;
        this.metrics = metrics;
        this.shutdown = shutdown;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** @throws JobCancelledException when shutdown cancelled the job: the transaction must roll back */
    public void handle(ConsumerRecord<String, byte[]> record, JobExecutor executor) {
        if (!template.inTransaction()) {
            // Without the container's transaction a result and its offset could part ways.
            throw new IllegalStateException("job records must be handled in a Kafka transaction");
        }
        Job job = decode(record, executor);
        if (job == null) {
            metrics.count(executor.kind(), Outcome.REJECTED);
            return;
        }
        if (!clock.instant().isBefore(job.deadline())) {
            log.info("job {} ({}) expired at {} before it was started; skipped", job.jobId(), job.kind(), job.deadline());
            metrics.count(job.kind(), Outcome.EXPIRED);
            return;
        }
        completed.awaitCaughtUp();
        if (completed.isDone(job.jobId())) {
            log.info("job {} ({}) already has a result; not executed again", job.jobId(), job.kind());
            metrics.count(job.kind(), Outcome.DUPLICATE);
            return;
        }
        try (JobSpan span = tracing.execute(job, record.headers())) {
            execute(job, executor, sinceRecordTimestamp(record), span);
        }
    }

    private void execute(Job job, JobExecutor executor, Supplier<Duration> sinceRecorded, JobSpan span) {
        long started = System.nanoTime();
        metrics.started(job.kind(), sinceRecorded.get());
        JobContext ctx = new JobContext(job, clock, shutdown::cancelRequested);
        Duration turnaround = null;
        log.info("job {} ({}, attempt {}) started", job.jobId(), job.kind(), job.attempt());
        Outcome outcome = Outcome.CANCELLED;
        try {
            JobResult result = executor.execute(ctx);
            if (!result.jobId().equals(job.jobId()) || !result.documentId().equals(job.documentId())
                    || result.kind() != job.kind()) {
                throw new IllegalStateException("executor answered job " + job.jobId() + " with " + result);
            }
            ProducerRecord<String, byte[]> resultRecord = new ProducerRecord<>(Topics.JOB_RESULTS,
                    job.documentId().toString(), ModelJson.RESULTS.encode(result));
            span.injectInto(resultRecord.headers());
            template.send(resultRecord);
            turnaround = sinceRecorded.get();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    completed.markDone(job.jobId());
                }
            });
            outcome = result.type().endsWith("Succeeded") ? Outcome.SUCCEEDED : Outcome.FAILED;
            log.info("job {} ({}, attempt {}) done: {}", job.jobId(), job.kind(), job.attempt(), result.type());
        } catch (JobAbortedException e) {
            if (e.abortCause() == JobAbortedException.Cause.SHUTDOWN) {
                log.warn("job {} cancelled by shutdown; its offset stays uncommitted", job.jobId());
                throw new JobCancelledException(e);
            }
            // Nothing to report: the lease re-issues the job; its offset is committed with no result.
            outcome = Outcome.ABANDONED;
            log.warn("job {} ({}) abandoned without a result: {}", job.jobId(), job.kind(), e.getMessage());
        } catch (RuntimeException e) {
            outcome = Outcome.ABANDONED; // the transaction rolls back; the container retries the record
            span.failed(e);
            throw e;
        } finally {
            span.outcome(outcome.name());
            metrics.finished(job.kind(), outcome, Duration.ofNanos(System.nanoTime() - started), turnaround);
            metrics.pages(job.kind(), ctx.pages());
            metrics.retries(job.kind(), ctx.retries());
        }
    }

    /**
     * Time since the job record's timestamp, which the pipeline copies from the command behind the
     * job. Wall-clock, not {@link #clock}: the timestamp is the producer's wall-clock, and the
     * injected clock is the deadline clock tests move.
     */
    private static Supplier<Duration> sinceRecordTimestamp(ConsumerRecord<String, byte[]> record) {
        long stamped = record.timestamp();
        return () -> stamped < 0 ? null : Duration.ofMillis(System.currentTimeMillis() - stamped);
    }

    private Job decode(ConsumerRecord<String, byte[]> record, JobExecutor executor) {
        Job job;
        try {
            job = ModelJson.JOBS.decode(record.value());
        } catch (RejectedRecordException e) {
            deadLetters.send(record, e.reason(), e.getMessage());
            return null;
        }
        if (!job.documentId().toString().equals(record.key())) {
            deadLetters.send(record, RejectReason.KEY_MISMATCH,
                    "key '" + record.key() + "' is not the job's documentId " + job.documentId());
            return null;
        }
        if (job.kind() != executor.kind()) {
            deadLetters.send(record, RejectReason.SCHEMA_VIOLATION,
                    job.kind() + " job on " + record.topic() + ", which carries " + executor.kind() + " jobs");
            return null;
        }
        return job;
    }

    /** Rolls the listener's transaction back so the job is not committed as handled. */
    public static final class JobCancelledException extends RuntimeException {
        JobCancelledException(JobAbortedException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
