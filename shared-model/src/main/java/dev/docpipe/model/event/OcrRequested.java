package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.job.Job;

/** An OCR job was dispatched; {@code job} is exactly what went to {@code docpipe.jobs.ocr}.
 *
 * @param issue 1 for a new intent, +1 for each re-issue after an expired lease (see JobLease)
 */
public record OcrRequested(Job job, int issue) implements DocumentEvent {
    public OcrRequested {
        Require.present(job, "job");
        Require.positive(issue, "issue");
    }
}
