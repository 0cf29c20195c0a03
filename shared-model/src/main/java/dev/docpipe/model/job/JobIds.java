package dev.docpipe.model.job;

import dev.docpipe.model.Ids;
import java.util.UUID;

/**
 * How a job's id derives from what caused it: deciding the same input twice (an aborted transaction
 * retried) gives the same id, and every emitted job has its own (one job per command and attempt; a
 * lease re-issue derives from the job it replaces). Harnesses and tests that answer a job as a worker
 * would use this instead of reading the job first.
 */
public final class JobIds {
    private JobIds() {}

    /** The job a command emits for {@code attempt} of its document's scan or OCR. */
    public static UUID forCommand(UUID commandId, JobKind kind, int attempt) {
        return Ids.derive(commandId, "job/" + kind + "/" + attempt);
    }

    /** The job that replaces {@code expired} when its lease ran out. */
    public static UUID reissueOf(UUID expired) {
        return Ids.derive(expired, "reissue");
    }
}
