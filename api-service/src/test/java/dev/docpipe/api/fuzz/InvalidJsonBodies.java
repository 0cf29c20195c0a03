package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.utf8;
import static dev.docpipe.api.fuzz.JsonBodies.numberField;
import static dev.docpipe.api.fuzz.JsonBodies.withNumber;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/**
 * Bodies every reading of the contract refuses for review, rescan or validate: safe to aim at the
 * caller's real document, since no lenient-but-correct server could turn one into a command.
 */
final class InvalidJsonBodies {
    /** Values no reading of the contract accepts for the number field of each body endpoint. */
    private static final List<String> BAD_LONG = List.of("\"zero\"", "[]", "[0]", "{}", "{\"v\":0}", "0.5",
            "1.0", "1e0", "-1", "-0.0", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999", "1E400", "\"0x10\"");
    private static final List<String> BAD_INT = List.of("\"one\"", "[]", "[1]", "{}", "1.5", "1.0", "2e0",
            "0", "-1", "-2147483648", "2147483648", "99999999999999999999", "1E400", "\"0x1\"");
    private static final List<String> BAD_STRING = List.of("[]", "{}", "[\"a\"]", "{\"a\":1}", "[[]]");
    private static final List<String> BAD_TAGS = List.of("\"a\"", "{}", "[[\"a\"]]", "[{}]", "[null]",
            "[\"a\",null]", "{\"0\":\"a\"}", "[[]]");
    private static final List<String> PROTECTED = List.of("state", "reviewVersion", "documentId", "childId",
            "version", "owner", "createdAt", "ocr", "textRef", "currentJob");
    private static final byte[][] BAD_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xBF},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3},
            {(byte) 0xE2, (byte) 0x82}};

    private InvalidJsonBodies() {}

    static byte[] any(Random r, Endpoint e) {
        String valid = JsonBodies.valid(r, e);
        String number = numberField(e);
        String bad = e == Endpoint.RESCAN || e == Endpoint.RETRY_OCR ? pick(r, BAD_INT) : pick(r, BAD_LONG);
        return switch (r.nextInt(12)) {
            case 0 -> utf8(valid.substring(0, 1 + r.nextInt(valid.length() - 1))); // truncated
            case 1 -> utf8(valid + pick(r, new String[] {"}", "]", ",", "x", "{}", "[]", "null", "0", "//",
                    "/*", "\"", ",{}", "\u0000", "}}}}"}));
            case 2 -> utf8(pick(r, List.of(
                    valid.replace('"', '\''),
                    valid.replaceFirst("\"" + number + "\"", number),
                    valid.substring(0, valid.length() - 1) + ",}",
                    valid.replaceFirst(":", " "),
                    "{/*c*/" + valid.substring(1),
                    valid.replaceFirst("\"" + number + "\"", "\"" + number.substring(0, 4) + "\\x41\""),
                    valid.replaceFirst("\"" + number + "\"", "\"" + number.substring(0, 3) + "\u0001\""),
                    withNumber(e, pick(r, new String[] {"NaN", "Infinity", "-Infinity", "+1", "01", "0x1", ".5",
                            "1.", "1e", "--1", "1_000", "١"})),
                    "[" + valid + "]", "[]", "[[]]", "{\"" + number + "\"}", "{" + valid + "}",
                    "{\"" + number + "\":}", "{:1}")));
            case 3 -> e == Endpoint.REVIEW ? reviewWrongType(r) : utf8(withNumber(e, bad));
            case 4 -> { // unknown or protected field, at the top or in the patch
                String field = r.nextBoolean() ? "zz" + Integer.toHexString(r.nextInt()) : pick(r, PROTECTED);
                String value = pick(r, new String[] {"1", "\"x\"", "null", "{}", "[]", "true"});
                if (e == Endpoint.REVIEW && r.nextBoolean()) {
                    yield utf8(valid.replace("\"patch\":{", "\"patch\":{\"" + field + "\":" + value + ","));
                }
                yield utf8("{\"" + field + "\":" + value + "," + valid.substring(1));
            }
            case 5 -> { // deep nesting
                int depth = pick(r, new Integer[] {64, 600, 1_500, 5_000, 20_000});
                yield utf8(switch (r.nextInt(4)) {
                    case 0 -> withNumber(e, "[".repeat(depth) + "1" + "]".repeat(depth));
                    case 1 -> "[".repeat(depth) + "]".repeat(depth);
                    case 2 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    default -> "[".repeat(depth);
                });
            }
            case 6 -> utf8(withNumber(e, (r.nextBoolean() ? "-" : "") + "9"
                    + "0".repeat(pick(r, new Integer[] {25, 400, 2_000, 100_000}))));
            case 7 -> utf8(e == Endpoint.REVIEW
                    ? "{\"expectedReviewVersion\":0,\"expectedReviewVersion\":" + bad + ",\"patch\":{\"title\":\"t\"}}"
                    : "{\"" + number + "\":1,\"" + number + "\":" + bad + "}");
            case 8 -> invalidUtf8(r, e);
            case 9 -> { // random bytes after a byte no JSON text starts with
                byte[] junk = new byte[r.nextInt(2_000)];
                r.nextBytes(junk);
                byte[] out = new byte[junk.length + 1];
                out[0] = (byte) pick(r, new Character[] {'}', ']', ':', ',', '#', '\'', '@', '='}).charValue();
                System.arraycopy(junk, 0, out, 1, junk.length);
                yield out;
            }
            case 10 -> utf8(e == Endpoint.REVIEW
                    ? "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"a\\ud800b\"}}" // lone surrogate
                    : withNumber(e, "\"\\ud800\""));
            default -> e == Endpoint.REVIEW
                    ? utf8(pick(r, List.of("{\"patch\":{\"title\":\"t\"}}", "{\"expectedReviewVersion\":0}",
                            "{\"expectedReviewVersion\":null,\"patch\":{\"title\":\"t\"}}",
                            "{\"expectedReviewVersion\":0,\"patch\":null}",
                            "{\"expectedReviewVersion\":0,\"patch\":{}}", "null", "{}",
                            "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"" + "x".repeat(1_001) + "\"}}",
                            "{\"expectedReviewVersion\":0,\"patch\":{\"tags\":[" + "\"t\",".repeat(60) + "\"t\"]}}")))
                    : utf8(withNumber(e, bad));
        };
    }

    private static byte[] reviewWrongType(Random r) {
        return utf8(switch (r.nextInt(4)) {
            case 0 -> "{\"expectedReviewVersion\":" + pick(r, BAD_LONG) + ",\"patch\":{\"title\":\"t\"}}";
            case 1 -> "{\"expectedReviewVersion\":0,\"patch\":" + pick(r, new String[] {"\"title\"", "[]",
                    "[{}]", "[{\"title\":\"t\"}]"}) + "}";
            case 2 -> "{\"expectedReviewVersion\":0,\"patch\":{\"" + pick(r, new String[] {"title", "subject",
                    "language", "correctedText"}) + "\":" + pick(r, BAD_STRING) + "}}";
            default -> "{\"expectedReviewVersion\":0,\"patch\":{\"tags\":" + pick(r, BAD_TAGS) + "}}";
        });
    }

    /** Valid JSON but for a byte sequence that is not UTF-8 (RFC 8259 requires UTF-8). */
    private static byte[] invalidUtf8(Random r, Endpoint e) {
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        String[] parts = e == Endpoint.REVIEW
                ? new String[] {"{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"a", "b\"}}"}
                : new String[] {"{\"" + numberField(e).substring(0, 5), numberField(e).substring(5) + "\":1}"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(parts[0]));
        out.writeBytes(bad);
        out.writeBytes(utf8(parts[1]));
        return out.toByteArray();
    }
}
