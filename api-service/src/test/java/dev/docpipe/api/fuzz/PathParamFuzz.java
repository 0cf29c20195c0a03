package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Randoms.pick;
import static dev.docpipe.api.fuzz.Randoms.uuid;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Non-UUIDs, overlong ids, percent-encoded junk, traversal, in every id position of the path. */
final class PathParamFuzz implements FuzzFamily {
    private static final String[] JUNK_IDS = {"not-a-uuid", "1-1-1-1-1", "00000000000000000000000000000000",
            "123", "0", "-1", "null", "undefined", "NaN", "true", "{documentId}", "%20", "%00", "%0A", "%0D%0A",
            "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "%5C", "%C0%AE%C0%AE", "%ff%fe", "%E2%80%AE", ".", "..",
            "...", "~", "*", "%2A", "%27%20OR%201=1--", "1;DROP%20TABLE%20documents", "%3Cscript%3E", "uuid()",
            "..;", "..%3B", "%252e%252e", "%c0%af", "..%00", "....//", "%2e%2e%5c", "%7Bx%7D", "x;jsessionid=1",
            "urn:uuid:00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000%00",
            "%EF%BC%91%EF%BC%92", "%F0%9F%92%A9", "%24%7Bjndi:ldap://x/a%7D", "%7B%7B7*7%7D%7D", "%25n%25s"};

    private final FuzzFixture fixture;

    PathParamFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = pick(r, Endpoint.DESIGN);
        b.category = "path-params";
        b.method = e.method;
        String child = fixture.ownChild().toString();
        String doc = uuid(r);
        String command = uuid(r);
        if (e == Endpoint.UPLOAD || e == Endpoint.LIST) {
            child = junkId(r);
        } else if (e == Endpoint.COMMAND) {
            command = junkId(r);
        } else if (r.nextBoolean()) {
            child = junkId(r);
            if (r.nextInt(3) == 0) {
                doc = fixture.realDoc().toString(); // a real document under a junk child is still invalid
            }
        } else {
            doc = junkId(r);
        }
        b.target = e.path(child, doc, command);
        if (e == Endpoint.UPLOAD) {
            MultipartBodies.rejectedUpload(r, b);
        } else if (e == Endpoint.REVIEW || e.takesJson() && r.nextBoolean()) {
            b.json(JsonBodies.valid(r, e));
        }
    }

    private static String junkId(Random r) {
        String u = uuid(r);
        return switch (r.nextInt(10)) {
            case 0, 1 -> pick(r, JUNK_IDS);
            case 2 -> switch (r.nextInt(7)) { // almost a UUID
                case 0 -> u.substring(0, 35) + "g";
                case 1 -> u.replace("-", "");
                case 2 -> u + "0";
                case 3 -> u.substring(1);
                case 4 -> "%7B" + u + "%7D";
                case 5 -> u.replaceFirst("-", "--");
                default -> u.replace('-', '_');
            };
            case 3 -> "a".repeat(pick(r, new Integer[] {37, 300, 2_000, 9_000, 20_000}));
            case 4 -> percentEncode(randomPrintable(r, 1 + r.nextInt(60)));
            case 5 -> { // random bytes, percent-encoded: mostly invalid UTF-8
                byte[] bytes = new byte[1 + r.nextInt(40)];
                r.nextBytes(bytes);
                StringBuilder s = new StringBuilder();
                for (byte x : bytes) {
                    s.append('%').append(String.format("%02X", x & 0xFF));
                }
                yield s.toString();
            }
            case 6 -> pick(r, new String[] {"../x", "../..", "./.", "x/../..", "..%2F..", "%2e%2e/%2e%2e", "a/b",
                    "//", "/%2e/", "%2e%2e%2f%2e%2e%2f"});
            case 7 -> u + pick(r, new String[] {"/", ";x=1", ".json", "%00", "%20", "%0A", "/..", "%2F..", "?x=",
                    "#frag", "%3F", "/.", "%09"});
            case 8 -> pick(r, new String[] {"%20" + u, u + "%20", u.toUpperCase(), "+" + u, u.substring(0, 8)});
            default -> "";
        };
    }

    private static String randomPrintable(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (0x20 + r.nextInt(0x5F)));
        }
        return s.toString();
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
