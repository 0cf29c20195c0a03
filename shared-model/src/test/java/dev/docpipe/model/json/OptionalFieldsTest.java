package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adding an optional field is additive: records written before it existed still read (the field is null),
 * at any depth, and the fields that were always there stay required.
 */
class OptionalFieldsTest {
    /** A record as a later release might declare it: {@code mood} and {@code Item.count} added as optional. */
    record Note(String text, @JsonProperty(isRequired = OptBoolean.FALSE) String mood, List<Item> items) {}

    record Item(String name, @JsonProperty(isRequired = OptBoolean.FALSE) Integer count) {}

    private static final Codec<Note> NOTES = new WireCodec<>(new PlainLayout<>(Note.class), SchemaHistory.initial());

    @Test
    void aRecordWrittenBeforeTheOptionalFieldsExistedReadsWithNulls() {
        Note note = NOTES.decode(bytes("{\"schemaVersion\":1,\"text\":\"a\",\"items\":[{\"name\":\"x\"},{\"name\":\"y\",\"count\":2}]}"));

        assertThat(note).isEqualTo(new Note("a", null, List.of(new Item("x", null), new Item("y", 2))));
    }

    @Test
    void aRecordWithThemReadsAsWritten() {
        Note note = new Note("a", "happy", List.of(new Item("x", 3)));

        assertThat(NOTES.decode(NOTES.encode(note))).isEqualTo(note);
    }

    @Test
    void theOtherFieldsStayRequired() {
        Wire wire = new Wire("note", NOTES, bytes("{\"schemaVersion\":1,\"text\":\"a\",\"mood\":null,\"items\":[]}"));

        wire.rejects(wire.with(n -> n.remove("text")), RejectReason.SCHEMA_VIOLATION);
        wire.rejects(wire.with(n -> n.putArray("items").addObject().put("count", 1)), RejectReason.SCHEMA_VIOLATION);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
