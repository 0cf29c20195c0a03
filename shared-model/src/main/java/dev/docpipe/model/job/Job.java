package dev.docpipe.model.job;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.FileRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A unit of work for a worker, on {@code docpipe.jobs.scan} or {@code docpipe.jobs.ocr}. Its result
 * is accepted only while this {@code jobId} is the document's current job; after {@code deadline}
 * the pipeline re-issues the work under a new job id.
 *
 * @param engineVersion for OCR: the engine version asked for by a reprocess, else null
 */
public record Job(
        UUID jobId, UUID documentId, JobKind kind, int attempt, FileRef file, Instant deadline, String engineVersion) {
    public Job {
        Require.present(jobId, "jobId");
        Require.present(documentId, "documentId");
        Require.present(kind, "kind");
        Require.positive(attempt, "attempt");
        Require.present(file, "file");
        Require.present(deadline, "deadline");
    }
}
