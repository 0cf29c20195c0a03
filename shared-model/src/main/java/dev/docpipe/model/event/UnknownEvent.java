package dev.docpipe.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.docpipe.model.Require;

/**
 * An event of a type this version of docpipe does not know, written by a newer one (docs/design.md "Evolution
 * rules": a new event type is an additive change). Readers cannot interpret it, but they must not stall on
 * the version it takes: {@link dev.docpipe.model.document.Document#evolve} applies it as a version step that
 * changes nothing else, so a fold by an old reader and a rebuild by the same reader agree. Never written by
 * the pipeline; its data is not kept (a reader that stores one, e.g. a projector parking it behind a gap,
 * stores its header and type only).
 *
 * @param type the event's {@code type} on the wire
 */
@JsonIgnoreProperties("type")
public record UnknownEvent(String type) implements DocumentEvent {
    public UnknownEvent {
        Require.text(type, "type");
    }
}
