package dev.docpipe.bench.peer;

import dev.docpipe.model.Ids;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirm-scan the way the seeds built it: the row count of a guarded {@code UPDATE} decides, and the OCR job
 * goes into {@code outbox} in the same transaction. When nothing changed, one more read says why (already
 * confirmed, scan not ready, or not the caller's), as a controller must to answer 200, 409 or 404.
 */
@Component
public class GuardedConfirm {
    static final FileRef FILE = new FileRef("sha256:" + "b".repeat(64), "application/pdf", 123_456, "scan.pdf");

    /** What a confirm did. */
    public enum Result { QUEUED, ALREADY_CONFIRMED, SCAN_NOT_READY, NOT_FOUND }

    private final JdbcClient jdbc;

    public GuardedConfirm(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Result confirm(UUID owner, UUID childId, UUID documentId, UUID requestId) {
        int changed = jdbc.sql("UPDATE documents SET state = 'OCR_PENDING', updated_at = now() "
                        + "WHERE id = ? AND child_id = ? AND owner = ? AND state = 'SCANNED'")
                .params(documentId, childId, owner).update();
        if (changed == 1) {
            UUID jobId = Ids.derive(requestId, "job/OCR");
            Job job = new Job(jobId, documentId, JobKind.OCR, 1, FILE, Instant.now().plus(Duration.ofMinutes(10)), null);
            jdbc.sql("INSERT INTO outbox (document_id, job_id, payload) VALUES (?, ?, ?)")
                    .params(documentId, jobId, ModelJson.JOBS.encode(job)).update();
            return Result.QUEUED;
        }
        Optional<String> state = jdbc.sql("SELECT state FROM documents WHERE id = ? AND child_id = ? AND owner = ?")
                .params(documentId, childId, owner).query(String.class).optional();
        if (state.isEmpty()) {
            return Result.NOT_FOUND;
        }
        return state.get().equals("SCAN_PENDING") || state.get().equals("SCAN_FAILED") ? Result.SCAN_NOT_READY
                : Result.ALREADY_CONFIRMED;
    }
}
