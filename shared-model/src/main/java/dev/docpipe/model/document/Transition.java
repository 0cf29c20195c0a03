package dev.docpipe.model.document;

import dev.docpipe.model.Ids;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events appended to a document: each numbered with the version it brings the document to. */
public record Transition(Document after, List<RecordedEvent> recorded) {

    public static Transition apply(
            Document before, UUID documentId, List<DocumentEvent> events, UUID causationId, Instant now) {
        Document document = before;
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        for (DocumentEvent event : events) {
            document = Document.evolve(document, documentId, event);
            // Derived from (document, version): unique per event and the same if the step is redone.
            UUID eventId = Ids.derive(documentId, "v" + document.version());
            recorded.add(new RecordedEvent(eventId, documentId, document.version(), now, causationId, event));
        }
        return new Transition(document, List.copyOf(recorded));
    }
}
