package dev.docpipe.model.json;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JavaType;

/**
 * A command: {@code {"schemaVersion":2,"type":"ConfirmScan","commandId":…,"documentId":…,"issuedAt":…,
 * "actor":…,"payload":{…}}}, the type being the payload's simple name.
 */
final class CommandLayout implements WireLayout<Command, CommandLayout.CommandWire<?>> {
    /**
     * A command after schemaVersion and type (component order = wire order), generic in its payload so
     * that the reader of one type binds the payload in the same pass as the header.
     */
    record CommandWire<P extends CommandPayload>(
            UUID commandId, UUID documentId, Instant issuedAt, String actor, P payload) {}

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public Map<String, JavaType> wireTypes() {
        return WireLayout.byTypeName(CommandPayload.class,
                body -> ModelJson.MAPPER.getTypeFactory().constructParametricType(CommandWire.class, body));
    }

    @Override
    public String typeOf(Command command) {
        return command.type();
    }

    @Override
    public CommandWire<?> toWire(Command c) {
        return new CommandWire<>(c.commandId(), c.documentId(), c.issuedAt(), c.actor(), c.payload());
    }

    @Override
    public Command fromWire(CommandWire<?> w) {
        return new Command(w.commandId(), w.documentId(), w.issuedAt(), w.actor(), w.payload());
    }
}
