package dev.docpipe.cli.fold;

import dev.docpipe.model.event.RecordedEvent;

/**
 * An event as read from {@code docpipe.events}, with where it is.
 *
 * @param keyMatches whether the record's key is the event's document id (the pipeline always keys so)
 */
public record LoggedEvent(RecordedEvent event, int partition, long offset, long timestamp, boolean keyMatches)
        implements EventLog.Entry {
    public String address() {
        return partition + ":" + offset;
    }
}
