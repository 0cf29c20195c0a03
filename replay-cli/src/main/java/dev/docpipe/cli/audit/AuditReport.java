package dev.docpipe.cli.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code docpipe audit} found; printed as text or JSON. */
public record AuditReport(
        String bootstrapServers,
        Instant auditedAt,
        long events,
        long unreadableEvents,
        long documents,
        Map<String, Long> documentsByState,
        Map<String, Long> eventsByType,
        Jobs jobs,
        Results results,
        ReadModelCheck.Result readModel,
        List<InvariantStatus> invariants,
        long violationCount,
        Map<ViolationType, Long> violationsByType,
        List<Violation> violations,
        Timing timing,
        PersonalFields personalFields) {

    /** @param scanRecords/ocrRecords records on the job topics, null when not checked */
    public record Jobs(long scanRequested, long ocrRequested, long reissued, Long scanRecords, Long ocrRecords) {}

    public record Results(long accepted, long stale, long leaseExpiries, long erasedDiscarded) {}

    /**
     * The personal field values the event log holds (file names, review fields): sealed under their document's
     * key, or legacy plain text written before sealing, which erasure cannot reach until a copy-and-transform
     * seals them (docs/decisions/0012-erasure-by-crypto-shredding.md). Not a violation: a task for the operator.
     */
    public record PersonalFields(long sealed, long legacyPlaintext) {}

    /** @param status ok, violated or "not checked" */
    public record InvariantStatus(Invariant invariant, String description, String status, long violations) {}

    /**
     * @param eventLogCpuMs CPU time this process spent on the event log (all threads; in a process of its own
     *     this is the audit's whole cost, independent of how busy the machine is)
     */
    public record Timing(long elapsedMs, long eventLogMs, long eventsPerSecond, long eventLogCpuMs, long jobTopicsMs,
            long readModelMs) {}

    public boolean passed() {
        return violationCount == 0;
    }
}
