package dev.docpipe.model.command;

import dev.docpipe.model.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A request to change one document, as it travels on {@code docpipe.commands} (key = documentId).
 * The envelope is the same for every command; {@link CommandPayload} says what is asked.
 *
 * @param actor the account id of the caller (or an operator name for replay tooling)
 */
public record Command(UUID commandId, UUID documentId, Instant issuedAt, String actor, CommandPayload payload) {
    public Command {
        Require.present(commandId, "commandId");
        Require.present(documentId, "documentId");
        Require.present(issuedAt, "issuedAt");
        Require.text(actor, "actor");
        Require.present(payload, "payload");
    }

    public String type() {
        return payload.getClass().getSimpleName();
    }
}
