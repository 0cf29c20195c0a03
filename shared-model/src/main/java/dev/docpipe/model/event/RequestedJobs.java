package dev.docpipe.model.event;

import dev.docpipe.model.job.Job;
import java.util.List;
import java.util.Optional;

/** The jobs that events dispatch: every job the pipeline emits is named by exactly one event. */
public final class RequestedJobs {
    private RequestedJobs() {}

    public static Optional<Job> of(DocumentEvent event) {
        return switch (event) {
            case ScanRequested requested -> Optional.of(requested.job());
            case OcrRequested requested -> Optional.of(requested.job());
            default -> Optional.empty();
        };
    }

    public static List<Job> in(List<RecordedEvent> events) {
        return events.stream().flatMap(e -> of(e.event()).stream()).toList();
    }
}
