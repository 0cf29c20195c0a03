package dev.docpipe.model.json;

import static dev.docpipe.model.document.TestData.OWNER;
import static dev.docpipe.model.json.RejectReason.SCHEMA_VIOLATION;
import static dev.docpipe.model.json.Wire.EDIT;
import static dev.docpipe.model.json.Wire.EVENT;
import static dev.docpipe.model.json.Wire.JOB;
import static dev.docpipe.model.json.Wire.OUTCOME;
import static dev.docpipe.model.json.Wire.PLAIN;
import static dev.docpipe.model.json.Wire.RESCAN;
import static dev.docpipe.model.json.Wire.RESULT;
import static dev.docpipe.model.json.Wire.VALIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid JSON of a known type whose fields are missing, of the wrong type or out of range is a SCHEMA_VIOLATION
 * (unknown fields are not: {@link TolerantReadingTest}).
 */
class SchemaViolationTest {
    private static final List<String> PAYLOAD = List.of("payload");
    private static final List<String> PATCH = List.of("payload", "patch");

    static List<Wire> allKinds() {
        return Wire.allKinds();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void everyMissingFieldIsAViolation(Wire wire) {
        List<String> fields = PLAIN.readTree(wire.valid()).propertyNames().stream()
                .filter(f -> !f.equals("schemaVersion") && !f.equals("type"))
                .toList();
        assertThat(fields).isNotEmpty();
        for (String field : fields) {
            wire.rejects(wire.with(n -> n.remove(field)), SCHEMA_VIOLATION);
        }
    }

    @Test
    void missingExpectedReviewVersionIsAViolationNotZero() {
        EDIT.rejects(EDIT.withNested(PAYLOAD, p -> p.remove("expectedReviewVersion")), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PAYLOAD, p -> p.putNull("expectedReviewVersion")), SCHEMA_VIOLATION);
        VALIDATE.rejects(VALIDATE.withNested(PAYLOAD, p -> p.remove("expectedReviewVersion")), SCHEMA_VIOLATION);
        VALIDATE.rejects(VALIDATE.withNested(PAYLOAD, p -> p.putNull("expectedReviewVersion")), SCHEMA_VIOLATION);
    }

    @Test
    void bodyMustBeAnObject() {
        RESCAN.rejects(RESCAN.with(n -> n.put("payload", "2")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.putArray("payload")), SCHEMA_VIOLATION);
        EVENT.rejects(EVENT.with(n -> n.putNull("data")), SCHEMA_VIOLATION);
    }

    @Test
    void wrongFieldTypeIsAViolation() {
        RESCAN.rejects(RESCAN.with(n -> n.put("commandId", 42)), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.put("commandId", "not-a-uuid")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.put("issuedAt", "yesterday")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.withNested(PAYLOAD, p -> p.put("supersedesAttempt", "abc")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.withNested(PAYLOAD, p -> p.put("supersedesAttempt", true)), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PATCH, p -> p.put("tags", "one")), SCHEMA_VIOLATION);
        JOB.rejects(JOB.with(n -> n.put("kind", "FAX")), SCHEMA_VIOLATION);
        OUTCOME.rejects(OUTCOME.with(n -> n.put("status", "MAYBE")), SCHEMA_VIOLATION);
        OUTCOME.rejects(OUTCOME.with(n -> n.put("jobIds", "all")), SCHEMA_VIOLATION);
        RESULT.rejects(RESULT.with(n -> n.putObject("retryable")), SCHEMA_VIOLATION);
    }

    @Test
    void scalarsAreNotCoercedIntoOtherTypes() {
        // 1.9 must not silently become attempt 1, nor "2" become 2, nor 42 become the text "42"
        RESCAN.rejects(RESCAN.withNested(PAYLOAD, p -> p.put("supersedesAttempt", 1.9)), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.withNested(PAYLOAD, p -> p.put("supersedesAttempt", "2")), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PAYLOAD, p -> p.put("expectedReviewVersion", 2.5)), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PAYLOAD, p -> p.put("expectedReviewVersion", "3")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.put("actor", 42)), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PATCH, p -> p.put("title", 5)), SCHEMA_VIOLATION);
        RESULT.rejects(RESULT.with(n -> n.put("retryable", "true")), SCHEMA_VIOLATION);
        RESULT.rejects(RESULT.with(n -> n.put("retryable", 1)), SCHEMA_VIOLATION);
    }

    @Test
    void valuesOutOfRangeAreAViolation() {
        RESCAN.rejects(RESCAN.withNested(PAYLOAD, p -> p.put("supersedesAttempt", 0)), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PAYLOAD, p -> p.put("expectedReviewVersion", -1)), SCHEMA_VIOLATION);
        EDIT.rejects(EDIT.withNested(PATCH, p -> p.putArray("tags").addNull()), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.put("actor", " ")), SCHEMA_VIOLATION);
        RESCAN.rejects(RESCAN.with(n -> n.putNull("documentId")), SCHEMA_VIOLATION);
        EVENT.rejects(EVENT.with(n -> n.put("version", 0)), SCHEMA_VIOLATION);
        JOB.rejects(JOB.with(n -> n.put("attempt", 0)), SCHEMA_VIOLATION);
        JOB.rejects(JOB.withNested(List.of("file"), f -> f.put("blobRef", "")), SCHEMA_VIOLATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "00000000000040008000000000000001", "{00000000-0000-4000-8000-000000000001}"})
    void nonCanonicalUuidsAreAViolation(String id) {
        RESCAN.rejects(RESCAN.with(n -> n.put("documentId", id)), SCHEMA_VIOLATION);
    }

    /** PostgreSQL cannot store NUL (read model, outcome log), and half a surrogate pair is not a character. */
    @Test
    void textNoStoreCanHoldIsAViolation() {
        String nul = "a\\u0000b"; // JSON escapes, as a producer would write them
        String halfPair = "a\\ud800";
        for (String bad : List.of(nul, halfPair)) {
            EDIT.rejects(escaped(EDIT, "Zeugnis", bad), SCHEMA_VIOLATION);
            EDIT.rejects(escaped(EDIT, "\"2025\"", "\"" + bad + "\""), SCHEMA_VIOLATION); // in the tags list
            RESCAN.rejects(escaped(RESCAN, "\"actor\":\"" + OWNER, "\"actor\":\"" + bad), SCHEMA_VIOLATION);
            RESULT.rejects(escaped(RESULT, "UNSUPPORTED_TYPE", bad), SCHEMA_VIOLATION);
            RESULT.rejects(escaped(RESULT, "image/heic", bad), SCHEMA_VIOLATION); // even free text: workers clean theirs
        }
    }

    /** The valid record with the text {@code from} replaced by raw JSON {@code to}, in the canonical layout. */
    private static String escaped(Wire wire, String from, String to) {
        String json = new String(wire.valid(), StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        return json.replace(from, to);
    }
}
