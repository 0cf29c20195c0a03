package dev.docpipe.model.document;

import dev.docpipe.model.job.JobKind;
import java.time.Duration;

/**
 * How long a worker may take before its job is re-issued, and how often one intent is dispatched
 * before the document is failed instead: so nothing stays pending forever.
 *
 * @param maxIssues dispatches per intent (first job included); 3 means two re-issues, then failure
 */
public record LeasePolicy(Duration scanLease, Duration ocrLease, int maxIssues) {
    public static final LeasePolicy DEFAULT = new LeasePolicy(Duration.ofMinutes(2), Duration.ofMinutes(10), 3);

    public LeasePolicy {
        if (scanLease.isNegative() || scanLease.isZero() || ocrLease.isNegative() || ocrLease.isZero()) {
            throw new IllegalArgumentException("leases must be positive");
        }
        if (maxIssues < 1) {
            throw new IllegalArgumentException("maxIssues must be >= 1");
        }
    }

    public Duration leaseFor(JobKind kind) {
        return kind == JobKind.SCAN ? scanLease : ocrLease;
    }
}
