package dev.docpipe.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job of the document and what became of it.
 *
 * @param requestedBy the command (first issue) or the expired job (re-issue) that caused it
 * @param fate succeeded, failed (with reason), lease expired, in flight, or superseded
 * @param staleResults results that arrived for it after it stopped being the current job
 */
public record JobSummary(
        UUID jobId,
        String kind,
        int attempt,
        int issue,
        String engineVersion,
        Instant deadline,
        long requestedAtVersion,
        UUID requestedBy,
        String fate,
        List<String> staleResults) {}
