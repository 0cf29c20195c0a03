package dev.docpipe.workers.execution;

import dev.docpipe.workers.config.WorkerProperties;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries an I/O step with exponential backoff for as long as the job's lease lasts. Only
 * {@link IOException}s are retried: everything the content itself gets wrong is a
 * {@link PermanentFailure} and passes straight through, because retrying it only delays the
 * answer the user is waiting for.
 */
@Component
public class TransientRetry {
    private static final Logger log = LoggerFactory.getLogger(TransientRetry.class);

    @FunctionalInterface
    public interface IoStep<T> {
        T run() throws IOException, PermanentFailure;
    }

    private final WorkerProperties.Retry policy;

    public TransientRetry(WorkerProperties properties) {
        this.policy = properties.retry();
    }

    public <T> T call(JobContext ctx, String what, IoStep<T> step) throws PermanentFailure, JobAbortedException {
        Duration backoff = policy.initialInterval();
        for (int attempt = 1; ; attempt++) {
            ctx.checkpoint();
            try {
                return step.run();
            } catch (IOException e) {
                if (ctx.remaining().compareTo(backoff) <= 0) {
                    // Sleeping past the deadline buys nothing: the lease re-issues the job anyway.
                    throw new JobAbortedException(JobAbortedException.Cause.TRANSIENT_FAILURES,
                            what + " kept failing until the deadline (" + attempt + " attempts): " + e, e);
                }
                ctx.retried();
                log.warn("{} failed for job {} (attempt {}), retrying in {}: {}",
                        what, ctx.job().jobId(), attempt, backoff, e.toString());
                ctx.sleep(backoff);
                backoff = next(backoff);
            }
        }
    }

    private Duration next(Duration current) {
        long nanos = (long) Math.min(policy.maxInterval().toNanos(), current.toNanos() * policy.multiplier());
        return Duration.ofNanos(Math.max(nanos, 1_000_000));
    }
}
