package dev.docpipe.model.document;

import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.util.List;

/** What {@link DocumentDecider#decide} answers to a command: its outcome and the events to record. */
public record Decision(OutcomeStatus status, Reason reason, List<DocumentEvent> events) {
    public Decision {
        events = List.copyOf(events);
    }

    static Decision accepted(Reason reason, DocumentEvent... events) {
        return new Decision(OutcomeStatus.ACCEPTED, reason, List.of(events));
    }

    static Decision nothing(OutcomeStatus status, Reason reason) {
        return new Decision(status, reason, List.of());
    }
}
