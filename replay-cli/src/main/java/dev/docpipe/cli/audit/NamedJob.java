package dev.docpipe.cli.audit;

import dev.docpipe.model.job.Job;

/** A job as the event that dispatched it names it, and where that event is on docpipe.events. */
record NamedJob(Job job, int partition, long offset) {
    String address() {
        return partition + "/" + offset;
    }
}
