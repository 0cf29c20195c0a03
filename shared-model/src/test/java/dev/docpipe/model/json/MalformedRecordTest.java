package dev.docpipe.model.json;

import static dev.docpipe.model.json.RejectReason.MALFORMED_JSON;
import static dev.docpipe.model.json.RejectReason.MISSING_SCHEMA_VERSION;
import static dev.docpipe.model.json.RejectReason.SCHEMA_VIOLATION;
import static dev.docpipe.model.json.RejectReason.UNKNOWN_TYPE;
import static dev.docpipe.model.json.RejectReason.UNSUPPORTED_SCHEMA_VERSION;
import static dev.docpipe.model.json.Wire.RESCAN;
import static dev.docpipe.model.json.Wire.RESULT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes that are not a JSON object, or of a schemaVersion or type this reader does not know, are refused with a reason. */
class MalformedRecordTest {
    static List<Wire> allKinds() {
        return Wire.allKinds();
    }

    static List<Wire> typedKinds() {
        return Wire.typedKinds();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void validSampleDecodes(Wire wire) {
        assertThat(wire.codec().decode(wire.valid())).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void garbageIsMalformed(Wire wire) {
        wire.rejects(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x7B, 0x13}, MALFORMED_JSON);
        wire.rejects("hello", MALFORMED_JSON);
        wire.rejects(new byte[0], MALFORMED_JSON);
        wire.rejects((byte[]) null, MALFORMED_JSON);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void truncatedOrTrailingJsonIsMalformed(Wire wire) {
        wire.rejects(Arrays.copyOf(wire.valid(), wire.valid().length / 2), MALFORMED_JSON);
        wire.rejects(new String(wire.valid(), StandardCharsets.UTF_8) + " {}", MALFORMED_JSON);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void jsonThatIsNotAnObjectIsMalformed(Wire wire) {
        wire.rejects("[" + new String(wire.valid(), StandardCharsets.UTF_8) + "]", MALFORMED_JSON);
        wire.rejects("[]", MALFORMED_JSON);
        wire.rejects("\"text\"", MALFORMED_JSON);
        wire.rejects("42", MALFORMED_JSON);
        wire.rejects("null", MALFORMED_JSON);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void missingSchemaVersionIsReported(Wire wire) {
        wire.rejects(wire.with(n -> n.remove("schemaVersion")), MISSING_SCHEMA_VERSION);
        wire.rejects(wire.with(n -> n.putNull("schemaVersion")), MISSING_SCHEMA_VERSION);
        wire.rejects(wire.with(n -> n.put("schemaVersion", "1")), MISSING_SCHEMA_VERSION);
        wire.rejects(wire.with(n -> n.put("schemaVersion", 1.5)), MISSING_SCHEMA_VERSION);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void newerAndNonexistentSchemaVersionsAreUnsupported(Wire wire) {
        wire.rejects(wire.with(n -> n.put("schemaVersion", wire.codec().schemaVersion() + 1)), UNSUPPORTED_SCHEMA_VERSION);
        wire.rejects(wire.with(n -> n.put("schemaVersion", 99)), UNSUPPORTED_SCHEMA_VERSION);
        wire.rejects(wire.with(n -> n.put("schemaVersion", 0)), UNSUPPORTED_SCHEMA_VERSION);
    }

    /** Commands and results of a type the reader does not know must not be acted upon; events are skipped. */
    static List<Wire> refusingUnknownTypes() {
        return List.of(RESCAN, RESULT);
    }

    @ParameterizedTest
    @MethodSource("refusingUnknownTypes")
    void unknownTypeIsReported(Wire wire) {
        wire.rejects(wire.with(n -> n.put("type", "DeleteEverything")), UNKNOWN_TYPE);
        wire.rejects(wire.with(n -> n.put("type", n.get("type").stringValue().toLowerCase())), UNKNOWN_TYPE);
    }

    @Test
    void typeOfAnotherFamilyIsUnknown() {
        RESCAN.rejects(RESCAN.with(n -> n.put("type", "ScanSucceeded")), UNKNOWN_TYPE);
        RESULT.rejects(RESULT.with(n -> n.put("type", "ScanRequested")), UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @MethodSource("typedKinds")
    void missingOrNonTextTypeIsASchemaViolation(Wire wire) {
        wire.rejects(wire.with(n -> n.remove("type")), SCHEMA_VIOLATION);
        wire.rejects(wire.with(n -> n.put("type", 7)), SCHEMA_VIOLATION);
    }
}
