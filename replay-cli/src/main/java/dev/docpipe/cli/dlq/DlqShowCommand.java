package dev.docpipe.cli.dlq;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.support.Json;
import dev.docpipe.history.dlq.DeadLetter;
import dev.docpipe.history.dlq.RecordAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show",
        header = "Show one dead-lettered record in full: headers, key and value.")
public final class DlqShowCommand extends OperatorCommand {
    @Parameters(index = "0", paramLabel = "<partition:offset>", converter = RecordAddressConverter.class,
            description = "The record's address on docpipe.dlq (from 'docpipe dlq list').")
    RecordAddress address;

    /** The JSON form; {@code value} is the text (or hex when the bytes are not UTF-8). */
    public record Shown(DeadLetter record, String valueEncoding, String value) {}

    @Override
    protected int execute() {
        DeadLetter d = DeadLetters.fetch(kafka(), List.of(address)).get(address);
        byte[] bytes = d.record().value();
        String text = utf8(bytes);
        String encoding = text != null ? "utf-8" : "hex";
        String value = text != null ? text : bytes == null ? null : HexFormat.of().formatHex(bytes);
        if (json()) {
            printJson(new Shown(d, encoding, value));
            return ExitCodes.OK;
        }
        out().println("docpipe.dlq " + d.address() + " at " + d.timestamp());
        out().println("  reason   " + d.reason());
        out().println("  detail   " + (d.detail() == null ? "" : d.detail()));
        out().println("  source   " + d.source());
        out().println("  key      " + (d.key() == null ? "(none)" : d.key()));
        out().println("  headers");
        for (Map.Entry<String, String> h : d.headers().entrySet()) {
            out().println("    " + h.getKey() + " = " + h.getValue());
        }
        out().println("  value (" + d.valueBytes() + " bytes, " + encoding + ")");
        out().println(indent(pretty(value, text != null)));
        return ExitCodes.OK;
    }

    private static String pretty(String value, boolean isText) {
        if (value == null) {
            return "(null)";
        }
        if (isText) {
            try {
                return Json.write(Json.parse(value));
            } catch (RuntimeException notJson) {
                return value;
            }
        }
        return value;
    }

    private static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
