package dev.docpipe.api.commands;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.json.ModelJson;

/**
 * A command with the exact bytes that go to docpipe.commands: an Idempotency-Key claim keeps these
 * bytes, and a takeover of the claim sends them again unchanged.
 */
public record EncodedCommand(Command command, byte[] bytes) {

    public static EncodedCommand of(Command command) {
        return new EncodedCommand(command, ModelJson.COMMANDS.encode(command));
    }

    /** Bytes kept by an earlier request: sent as they are, read only to know what they are. */
    public static EncodedCommand decode(byte[] bytes) {
        return new EncodedCommand(ModelJson.COMMANDS.decode(bytes), bytes);
    }
}
