package dev.docpipe.model.json;

import static dev.docpipe.model.json.RejectReason.SCHEMA_VIOLATION;
import static dev.docpipe.model.json.RejectReason.UNKNOWN_TYPE;
import static dev.docpipe.model.json.Wire.EDIT;
import static dev.docpipe.model.json.Wire.EVENT;
import static dev.docpipe.model.json.Wire.JOB;
import static dev.docpipe.model.json.Wire.PLAIN;
import static dev.docpipe.model.json.Wire.RESCAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.EditReview;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Readers of the log ignore fields they do not know: a newer writer may add an optional field to any record
 * without a new schemaVersion, and every reader still on the old code keeps going (docs/design.md "Evolution
 * rules"). What they do not know beyond a field (a type, a newer version) is still refused.
 */
class TolerantReadingTest {
    static List<Wire> allKinds() {
        return Wire.allKinds();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void unknownTopLevelFieldsAreIgnored(Wire wire) {
        wire.readsAsValid(wire.with(n -> n.put("extra", true)));
        wire.readsAsValid(wire.with(n -> n.put("traceId", "abc")));
        wire.readsAsValid(wire.with(n -> n.putObject("nextRelease").put("a", List.of(1).size())));
    }

    @Test
    void unknownNestedFieldsAreIgnored() {
        RESCAN.readsAsValid(RESCAN.withNested(List.of("payload"), p -> p.put("force", true)));
        EVENT.readsAsValid(EVENT.withNested(List.of("data"), d -> d.put("priority", 1)));
        EVENT.readsAsValid(EVENT.withNested(List.of("data", "job"), j -> j.put("x", 1)));
        JOB.readsAsValid(JOB.withNested(List.of("file"), f -> f.put("path", "/etc/passwd")));
    }

    @Test
    void theFastPathIgnoresThemToo() {
        WireCodec<?, ?> codec = (WireCodec<?, ?>) ModelJson.JOBS;
        byte[] withExtra = JOB.with(n -> n.put("extra", true)); // canonical order: schemaVersion first, extra last

        assertThat(codec.reader().readCanonical(withExtra)).isEqualTo(ModelJson.JOBS.decode(JOB.valid()));
    }

    static Stream<Arguments> protectedPatchFields() {
        return Stream.of(Arguments.of("state", "\"VALIDATED\""), Arguments.of("reviewVersion", "99"),
                Arguments.of("id", "\"" + Samples.ID_1 + "\""), Arguments.of("createdAt", "\"2020-01-01T00:00:00Z\""),
                Arguments.of("version", "1"), Arguments.of("ocr", "{}"), Arguments.of("owner", "\"evil\""));
    }

    /**
     * A patch on the topic still cannot set what a review may not change: a field outside the patch's
     * reviewable ones has nowhere to go and is dropped (the HTTP edge refuses it with 422 PROTECTED_FIELD).
     */
    @ParameterizedTest(name = "patch.{0}")
    @MethodSource("protectedPatchFields")
    void aPatchCanNeverSetAProtectedField(String field, String json) {
        byte[] bytes = EDIT.withNested(List.of("payload", "patch"), p -> p.set(field, PLAIN.readTree(json)));

        EditReview edit = (EditReview) ModelJson.COMMANDS.decode(bytes).payload();

        assertThat(edit.patch()).isEqualTo(Samples.FULL_PATCH);
    }

    @Test
    void unknownCommandTypesAndBadKnownFieldsAreStillRefused() {
        RESCAN.rejects(RESCAN.with(n -> n.put("type", "ShredDocument")), UNKNOWN_TYPE);
        EVENT.rejects(EVENT.with(n -> n.put("extra", true).put("version", "seven")), SCHEMA_VIOLATION);
    }
}
