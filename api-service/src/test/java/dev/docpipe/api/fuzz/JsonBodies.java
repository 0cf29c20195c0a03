package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.concat;
import static dev.docpipe.api.fuzz.Bytes.utf8;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The JSON bodies of review, rescan, validate and retry-ocr: valid ones (to isolate another fault in the request)
 * and ambiguous ones a lenient but correct server might accept. See {@link InvalidJsonBodies} for
 * bodies every reading of the contract refuses.
 */
final class JsonBodies {
    private JsonBodies() {}

    static String valid(Random r, Endpoint e) {
        return switch (e) {
            case REVIEW -> "{\"expectedReviewVersion\":" + r.nextInt(3) + ",\"patch\":{\"title\":\"t"
                    + r.nextInt(100) + "\",\"tags\":[\"a\",\"b\"],\"language\":\"de\"}}";
            case RESCAN -> "{\"supersedesAttempt\":" + (1 + r.nextInt(3)) + "}";
            case VALIDATE -> "{\"expectedReviewVersion\":" + r.nextInt(3) + "}";
            case RETRY_OCR -> "{\"failedAttempt\":" + (1 + r.nextInt(3)) + "}";
            default -> "{}";
        };
    }

    /** The one number field each body has: the field most bad values are aimed at. */
    static String numberField(Endpoint e) {
        return switch (e) {
            case RESCAN -> "supersedesAttempt";
            case RETRY_OCR -> "failedAttempt";
            default -> "expectedReviewVersion";
        };
    }

    static String withNumber(Endpoint e, String value) {
        return switch (e) {
            case REVIEW -> "{\"expectedReviewVersion\":" + value + ",\"patch\":{\"title\":\"t\"}}";
            case RESCAN -> "{\"supersedesAttempt\":" + value + "}";
            case RETRY_OCR -> "{\"failedAttempt\":" + value + "}";
            default -> "{\"expectedReviewVersion\":" + value + "}";
        };
    }

    /** Bodies a lenient but correct server might accept: only ever sent to foreign targets. */
    static byte[] ambiguous(Random r, Endpoint e) {
        String valid = valid(r, e);
        String number = numberField(e);
        return switch (r.nextInt(10)) {
            case 0 -> utf8(pick(r, new String[] {"null", "{}", "", " ", "\n\t ", "1", "\"s\"", "true", "[{}]"}));
            case 1 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid)); // BOM
            case 2 -> utf8(withNumber(e, pick(r, new String[] {"\"1\"", "\"0\"", "true", "false", "null",
                    "\"\"", "\" 1 \""})));
            case 3 -> utf8("{\"" + number + "\":1," + valid.substring(1)); // duplicate, both valid
            case 4 -> valid.getBytes(r.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            case 5 -> utf8(valid.replace(":", " :\n\t ").replace(",", " ,\r\n "));
            case 6 -> utf8(e == Endpoint.REVIEW
                    ? "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"a\\u0000b\"}}"
                    : "{\"" + number + "\":1}");
            case 7 -> utf8(e == Endpoint.REVIEW
                    ? "{\"expectedReviewVersion\":0,\"patch\":{\"title\":" + pick(r, new String[] {"1", "true",
                            "1.5", "null"}) + ",\"tags\":[]}}"
                    : valid);
            case 8 -> utf8(e == Endpoint.REVIEW
                    ? "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"\u202Egnp.exe\",\"correctedText\":\""
                            + "\\u00e9\\ud83d\\ude00".repeat(50) + "\"}}"
                    : valid);
            default -> utf8(valid);
        };
    }
}
