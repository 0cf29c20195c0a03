package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.job.Job;

/**
 * A scan job was dispatched; {@code job} is exactly what went to {@code docpipe.jobs.scan}.
 *
 * @param issue 1 for a new intent, +1 for each re-issue after an expired lease (see JobLease)
 */
public record ScanRequested(Job job, int issue) implements DocumentEvent {
    public ScanRequested {
        Require.present(job, "job");
        Require.positive(issue, "issue");
    }
}
