package dev.docpipe.model.json;

import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.UnknownEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JavaType;

/**
 * An event: {@code {"schemaVersion":3,"type":"OcrRequested","eventId":…,"documentId":…,"version":7,
 * "occurredAt":…,"causationId":…,"data":{…}}}, the type being the event's simple name. An event of a type
 * this reader does not know is read as an {@link UnknownEvent} (its header only) and written back with
 * empty data.
 */
final class EventLayout implements WireLayout<RecordedEvent, EventLayout.EventWire<?>> {
    /**
     * An event after schemaVersion and type (component order = wire order), generic in its data so that
     * the reader of one type binds the data in the same pass as the header.
     */
    record EventWire<E extends DocumentEvent>(
            UUID eventId, UUID documentId, long version, Instant occurredAt, UUID causationId, E data) {}

    /**
     * An event of a type this reader does not know: its header, read as strictly as any other; its data, of
     * a shape this reader cannot know, is not read.
     */
    record UnknownEventWire(UUID eventId, UUID documentId, long version, Instant occurredAt, UUID causationId) {}

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public Map<String, JavaType> wireTypes() {
        Map<String, JavaType> types = new HashMap<>(WireLayout.byTypeName(DocumentEvent.class,
                body -> ModelJson.MAPPER.getTypeFactory().constructParametricType(EventWire.class, body)));
        // not a type of its own: the stand-in for every type this reader does not know
        types.remove(UnknownEvent.class.getSimpleName());
        return Map.copyOf(types);
    }

    @Override
    public JavaType unknownTypeWire() {
        return ModelJson.MAPPER.constructType(UnknownEventWire.class);
    }

    @Override
    public RecordedEvent fromUnknownTypeWire(String type, Object wire) {
        UnknownEventWire w = (UnknownEventWire) wire;
        return new RecordedEvent(w.eventId(), w.documentId(), w.version(), w.occurredAt(), w.causationId(),
                new UnknownEvent(type));
    }

    @Override
    public String typeOf(RecordedEvent event) {
        return event.type();
    }

    @Override
    public EventWire<?> toWire(RecordedEvent e) {
        return new EventWire<>(e.eventId(), e.documentId(), e.version(), e.occurredAt(), e.causationId(), e.event());
    }

    @Override
    public RecordedEvent fromWire(EventWire<?> w) {
        return new RecordedEvent(w.eventId(), w.documentId(), w.version(), w.occurredAt(), w.causationId(), w.data());
    }
}
