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
 * The streaming codecs against the tree-based ones they replaced: byte for byte the same wire form,
 * and for valid records and thousands of broken ones the same answer (the same value, or a refusal
 * with the same reason).
 */
class StreamingCodecTest {
    private static final List<String> ODD_VALUES = List.of("null", "\"\"", "\"x\"", "0", "-1", "1", "1.5", "2.0",
            "2147483648", "9223372036854775808", "1e3", "true", "false", "[]", "{}", "[1]", "[\"a\"]", "{\"a\":1}",
            "\"00000000-0000-4000-8000-000000000001\"", "\"2025-03-01T10:15:30Z\"", "\"SCAN\"", "\"ACCEPTED\"");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encodeTree(Codec codec, Object value) {
        return switch (codec) {
            case EnvelopeCodec c -> c.encodeTree(value);
            case FlatTypedCodec c -> c.encodeTree(value);
            case PlainCodec c -> c.encodeTree(value);
            default -> throw new IllegalArgumentException(codec.toString());
        };
    }

    private static Object decodeTree(Codec<?> codec, byte[] bytes) {
        return switch (codec) {
            case EnvelopeCodec<?, ?, ?, ?> c -> c.decodeTree(bytes);
            case FlatTypedCodec<?> c -> c.decodeTree(bytes);
            case PlainCodec<?> c -> c.decodeTree(bytes);
            default -> throw new IllegalArgumentException(codec.toString());
        };
    }

    private static Object decodeStreaming(Codec<?> codec, byte[] bytes) {
        return switch (codec) {
            case EnvelopeCodec<?, ?, ?, ?> c -> c.decodeStreaming(bytes);
            case FlatTypedCodec<?> c -> c.decodeStreaming(bytes);
            case PlainCodec<?> c -> c.decodeStreaming(bytes);
            default -> throw new IllegalArgumentException(codec.toString());
        };
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
        List<byte[]> variants = variants(valid);
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

    /** Truncations, every field removed / replaced by odd values / duplicated, nested fields too. */
    private static List<byte[]> variants(byte[] valid) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < valid.length; i += 7) {
            out.add(java.util.Arrays.copyOf(valid, i));
        }
        String text = new String(valid, StandardCharsets.UTF_8);
        out.add((text + "x").getBytes(StandardCharsets.UTF_8));
        out.add((text + "{}").getBytes(StandardCharsets.UTF_8));
        ObjectNode root = (ObjectNode) Wire.PLAIN.readTree(valid);
        mutate(root, root, out, 0);
        for (String field : root.propertyNames()) {
            for (String odd : List.of(root.get(field).toString(), "null", "1", "\"x\"")) {
                // the field again, at the end: {"schemaVersion":1,…,"field":odd}
                out.add((text.substring(0, text.length() - 1) + ",\"" + field + "\":" + odd + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void mutate(ObjectNode root, ObjectNode object, List<byte[]> out, int depth) {
        for (String field : List.copyOf(object.propertyNames())) {
            JsonNode original = object.get(field);
            object.remove(field);
            out.add(Wire.PLAIN.writeValueAsBytes(root));
            for (String odd : ODD_VALUES) {
                object.set(field, Wire.PLAIN.readTree(odd));
                out.add(Wire.PLAIN.writeValueAsBytes(root));
            }
            object.set(field, original); // back, now as the last field: another field order
            out.add(Wire.PLAIN.writeValueAsBytes(root));
            if (original instanceof ObjectNode nested && depth < 2) {
                mutate(root, nested, out, depth + 1);
            }
        }
        object.put("unexpected", 1);
        out.add(Wire.PLAIN.writeValueAsBytes(root));
        object.remove("unexpected");
    }
}
