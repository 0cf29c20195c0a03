package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.MultipartBodies.filePart;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Query strings whose percent-encoding is broken or decodes to something that is not UTF-8 text
 * (truncated or non-hex escapes, invalid bytes, overlong forms, NUL, lone surrogates, code points past
 * U+10FFFF) on every endpoint, /actuator/health and the dev endpoint included. A malformed query string
 * makes any request invalid, so these are aimed at the caller's own child and real document with
 * otherwise valid requests (a good PDF, valid bodies): a server that ignored the query would answer
 * 2xx or send a command, and either fails the run.
 */
final class QueryStringFuzz implements FuzzFamily {
    private static final String[] BROKEN = {"%", "%%", "%zz", "%z", "%4", "%g0", "%0g", "%-1", "%+1", "%%41",
            "%u0041", "%ff", "%FE", "%80", "%bf", "%c3", "%c3%28", "%e2%82", "%c0%af", "%C0%AE", "%c0%80",
            "%e0%80%af", "%f0%80%80%af", "%00", "a%00b", "%00%00", "%ed%a0%80", "%ED%B0%80",
            "%ed%a0%bd%ed%b2%a9", "%f4%90%80%80", "%f8%88%80%80%80", "%fc%84%80%80%80%80", "%fe%ff"};
    private static final String[] VALID = {"x=1", "page=0", "size=20", "q=%C3%A4", "flag", "a=b+c", "e=%F0%9F%92%A9"};
    private static final String HEALTH = "/actuator/health";

    private final FuzzFixture fixture;

    QueryStringFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        b.category = "query-string";
        int where = r.nextInt(14);
        if (where == 0) {
            b.method = pick(r, new String[] {"GET", "GET", "HEAD"});
            b.target = HEALTH;
            b.auth = r.nextBoolean();
        } else if (where == 1) {
            b.method = Endpoint.DEV_ACCOUNTS.method;
            b.target = Endpoint.DEV_ACCOUNTS.path(null, null, null);
        } else {
            Endpoint e = pick(r, Endpoint.DESIGN);
            b.method = e.method;
            b.target = switch (e) {
                case UPLOAD, LIST -> fixture.ownDocuments();
                case COMMAND -> fixture.foreignTarget(r, e);
                default -> fixture.realTarget(e);
            };
            if (e == Endpoint.UPLOAD) {
                String boundary = "fuzz" + r.nextInt(1_000_000);
                byte[] pdf = ("%PDF-1.7\n% " + r.nextLong() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                b.body = MultipartBodies.body(boundary, List.of(filePart(r, "file", pdf)), true);
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else if (e.takesJson()) {
                b.json(JsonBodies.valid(r, e));
            }
        }
        b.target = b.target + "?" + query(r);
    }

    private static String query(Random r) {
        String broken = pick(r, BROKEN);
        if (r.nextBoolean()) {
            broken = broken.toUpperCase();
        }
        String before = r.nextBoolean() ? pick(r, VALID) + "&" : "";
        String after = r.nextBoolean() ? "&" + pick(r, VALID) : "";
        String pair = switch (r.nextInt(4)) {
            case 0 -> broken;
            case 1 -> broken + "=1";
            case 2 -> "x=" + broken;
            // not a hex digit after it: "%4" + "b" would be a valid escape
            default -> "x=a" + broken + "_";
        };
        return before + pair + after;
    }
}
