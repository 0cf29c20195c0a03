package dev.docpipe.model.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reader's answer to every {@linkplain BrokenVariants broken variant} of every golden record of version
 * 1 (bytes that never change), committed as {@code golden/v1/strict-answers.txt}: one line per record
 * ({@code events.jsonl:3 MMMS=…}), one character per variant. It pins down what the reader refuses and
 * why, so that a rewrite of the reader cannot change an answer unnoticed. When the reading rules change
 * on purpose (the tolerant reader, a new schemaVersion), regenerate it with {@link GoldenRecords#main}
 * and review the diff.
 */
final class StrictAnswers {
    static final String FILE = "strict-answers.txt";

    private static final Map<RejectReason, Character> CODES = Map.of(
            RejectReason.MALFORMED_JSON, 'M',
            RejectReason.MISSING_SCHEMA_VERSION, 'V',
            RejectReason.UNSUPPORTED_SCHEMA_VERSION, 'U',
            RejectReason.UNKNOWN_TYPE, 'T',
            RejectReason.SCHEMA_VIOLATION, 'S',
            RejectReason.KEY_MISMATCH, 'K',
            RejectReason.UNKNOWN_DOCUMENT, 'D');

    private StrictAnswers() {}

    /** Today's reader's answers, in the committed form. */
    static String compute() {
        StringBuilder out = new StringBuilder();
        for (GoldenRecords kind : GoldenRecords.values()) {
            List<byte[]> golden = kind.committed(1);
            for (int i = 0; i < kind.samples.size(); i++) {
                Object sample = kind.samples.get(i);
                out.append(kind.file).append(':').append(i + 1).append(' ');
                for (byte[] variant : BrokenVariants.of(golden.get(i))) {
                    out.append(answer(kind.codec, variant, sample));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A refusal's reason as a capital letter; {@code =} for the sample itself (e.g. its fields in another
     * order); for another value (a duplicated field read as its last value) a lower-case letter from its text.
     */
    static char answer(Codec<Object> codec, byte[] variant, Object sample) {
        Object value;
        try {
            value = codec.decode(variant);
        } catch (RejectedRecordException e) {
            return CODES.get(e.reason());
        }
        if (value.equals(sample)) {
            return '=';
        }
        return (char) ('a' + Math.floorMod(value.toString().hashCode(), 26));
    }

    static List<String> committed() {
        try (InputStream in = StrictAnswers.class.getResourceAsStream("/" + GoldenRecords.DIRECTORY + FILE)) {
            if (in == null) {
                throw new IllegalStateException(GoldenRecords.DIRECTORY + FILE + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variants whose answer differs between two lines of the file, with their text, for a failure message. */
    static List<String> differences(GoldenRecords kind, int index, String expected, String actual) {
        List<byte[]> variants = BrokenVariants.of(kind.committed(1).get(index));
        String want = expected.substring(expected.indexOf(' ') + 1);
        String got = actual.substring(actual.indexOf(' ') + 1);
        List<String> out = new ArrayList<>();
        for (int v = 0; v < Math.max(want.length(), got.length()); v++) {
            char w = v < want.length() ? want.charAt(v) : '?';
            char g = v < got.length() ? got.charAt(v) : '?';
            if (w != g) {
                String text = v < variants.size() ? new String(variants.get(v), StandardCharsets.UTF_8) : "(none)";
                out.add("variant " + v + ": expected " + w + ", got " + g + ": " + text);
            }
        }
        return out;
    }
}
