package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reader's fast path against its tree path, and the writer against writing through a tree: byte
 * for byte the same wire form, and for valid records and thousands of broken ones the same answer (the
 * same value, or a refusal with the same reason).
 */
class StreamingCodecTest {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encodeTree(Codec codec, Object value) {
        return TreeWriter.write((WireCodec) codec, value);
    }

    private static Object decodeTree(Codec<?> codec, byte[] bytes) {
        return ((WireCodec<?, ?>) codec).reader().readTree(bytes);
    }

    private static Object decodeStreaming(Codec<?> codec, byte[] bytes) {
        return ((WireCodec<?, ?>) codec).reader().readCanonical(bytes);
    }

    /** Every sample record with its codec. */
    static Stream<Arguments> samples() {
        List<Arguments> all = new ArrayList<>();
        Samples.commands().forEach(v -> all.add(Arguments.of(ModelJson.COMMANDS, v)));
        Samples.recordedEvents().forEach(v -> all.add(Arguments.of(ModelJson.EVENTS, v)));
        Samples.results().forEach(v -> all.add(Arguments.of(ModelJson.RESULTS, v)));
        Samples.jobs().forEach(v -> all.add(Arguments.of(ModelJson.JOBS, v)));
        Samples.outcomes().forEach(v -> all.add(Arguments.of(ModelJson.OUTCOMES, v)));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theWireFormIsByteForByteTheTreeEncodersAndDecodesToTheSameValue(Codec codec, Object value) {
        byte[] streamed = codec.encode(value);

        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(encodeTree(codec, value), StandardCharsets.UTF_8));
        assertThat(codec.decode(streamed)).isEqualTo(value).isEqualTo(decodeTree(codec, streamed));
        assertThat(decodeStreaming(codec, streamed)).as("read without the tree fallback").isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void brokenVariantsGetTheSameAnswerFromBothDecoders(Codec codec, Object value) {
        byte[] valid = codec.encode(value);
        List<byte[]> variants = BrokenVariants.of(valid);
        assertThat(variants).hasSizeGreaterThan(100);
        for (byte[] variant : variants) {
            assertSameAnswer(codec, variant);
        }
    }

    @Test
    void layoutsOtherThanTheCanonicalOneAreStillRead() {
        byte[] valid = ModelJson.COMMANDS.encode(Samples.commands().getFirst());
        ObjectNode node = (ObjectNode) Wire.PLAIN.readTree(valid);
        JsonNode version = node.remove("schemaVersion");
        node.set("schemaVersion", version); // schemaVersion last
        byte[] reordered = Wire.PLAIN.writeValueAsBytes(node);
        byte[] spaced = ("  \n" + new String(valid, StandardCharsets.UTF_8).replace(",", " ,\n ") + " ")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ModelJson.COMMANDS.decode(reordered)).isEqualTo(Samples.commands().getFirst());
        assertThat(ModelJson.COMMANDS.decode(spaced)).isEqualTo(Samples.commands().getFirst());
    }

    @Test
    void aDuplicatedFieldGetsTheTreeReadersAnswer() {
        String valid = new String(ModelJson.JOBS.encode(Samples.OCR_JOB), StandardCharsets.UTF_8);
        String twice = valid.substring(0, valid.length() - 1) + ",\"attempt\":7}";

        assertThat(ModelJson.JOBS.decode(twice.getBytes(StandardCharsets.UTF_8)).attempt())
                .isEqualTo(((dev.docpipe.model.job.Job) decodeTree(ModelJson.JOBS,
                        twice.getBytes(StandardCharsets.UTF_8))).attempt());
    }

    private static void assertSameAnswer(Codec<?> codec, byte[] bytes) {
        Object expected = answer(() -> decodeTree(codec, bytes));
        Object actual = answer(() -> codec.decode(bytes));
        assertThat(actual).as("decoding %s", bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    /** The decoded value, or the refusal's reason; anything else thrown is a failure of the test. */
    private static Object answer(java.util.function.Supplier<Object> decode) {
        try {
            return decode.get();
        } catch (RejectedRecordException e) {
            return e.reason();
        }
    }
}
