package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.ascii;
import static dev.docpipe.api.fuzz.Bytes.concat;
import static dev.docpipe.api.fuzz.Bytes.indexOf;
import static dev.docpipe.api.fuzz.Bytes.latin1OrUtf8;
import static dev.docpipe.api.fuzz.Bytes.utf8;
import static dev.docpipe.api.fuzz.MultipartBodies.filePart;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Protocol-level hostility, over a raw socket, against foreign targets: broken targets, oversized lines,
 * lying or unparsable lengths, smuggling shapes, malformed chunking, Host games, bad header and method syntax.
 */
final class ProtocolFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    ProtocolFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        int port = fixture.port();
        Endpoint e = pick(r, Endpoint.DESIGN);
        b.category = "protocol";
        b.method = e.method;
        String target = fixture.foreignTarget(r, e);
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + fixture.token()});
        byte[] body = null;
        if (e.takesJson()) {
            body = utf8(JsonBodies.valid(r, e));
            headers.add(new String[] {"Content-Type", "application/json"});
        } else if (e == Endpoint.UPLOAD) {
            String boundary = "fuzz" + r.nextInt(1_000_000);
            body = MultipartBodies.body(boundary, List.of(filePart(r, "file", RejectedFiles.any(r))), true);
            headers.add(new String[] {"Content-Type", "multipart/form-data; boundary=" + boundary});
        }
        String method = e.method;
        String contentLength = null;
        boolean closeOutput = false;
        byte[] rawBytes = null;
        switch (r.nextInt(12)) {
            case 0 -> target = insertAt(r, target, pick(r, new String[] {"%", "%zz", "%%", "%u002e", "%2", "%G0",
                    "%0", "%%32%65"}));
            case 1 -> target = insertAt(r, target, String.valueOf(pick(r, new Character[] {'\\', '|', '{', '}',
                    '^', '`', '"', '<', '>', '\u007f', '\u0080', '\u00c3', '\u00ff', '\u0001', '\t', '['})));
            case 2 -> target = target + (r.nextBoolean() ? "?a=" : "/") + "x".repeat(9_000 + r.nextInt(60_000));
            case 3 -> headers.add(r.nextBoolean()
                    ? new String[] {"X-Junk", "x".repeat(9_000 + r.nextInt(40_000))}
                    : new String[] {"Cookie", "a=" + "b".repeat(9_000 + r.nextInt(20_000))});
            case 4 -> {
                if (body == null) { // a length needs a body to lie about
                    body = utf8("{}");
                    method = "POST";
                }
                contentLength = pick(r, new String[] {"-1", "abc", "1 2", "99999999999999999999", "0x10", "+5",
                        "1,2", "", "5\r\nContent-Length: 7", body.length + ", " + (body.length + 1)});
            }
            case 5 -> { // Content-Length and Transfer-Encoding together: the smuggling shape
                if (body == null) {
                    body = utf8("{}");
                    method = "POST";
                }
                headers.add(new String[] {"Transfer-Encoding", pick(r, new String[] {"chunked", "chunked, chunked",
                        " chunked", "Chunked"})});
                body = RawRequests.chunked(body);
                contentLength = String.valueOf(r.nextInt(10));
            }
            case 6 -> { // malformed chunked bodies
                if (body == null) {
                    body = utf8("{}");
                    method = "POST";
                }
                headers.add(new String[] {"Transfer-Encoding", "chunked"});
                String size = Integer.toHexString(body.length);
                byte[] chunk = switch (r.nextInt(6)) {
                    case 0 -> concat(ascii("zz\r\n"), body, ascii("\r\n0\r\n\r\n"));
                    case 1 -> concat(ascii("-1\r\n"), body, ascii("\r\n0\r\n\r\n"));
                    case 2 -> concat(ascii("ffffffffffffffffff\r\n"), body, ascii("\r\n0\r\n\r\n"));
                    case 3 -> concat(ascii(size + "\r\n"), body, ascii("0\r\n\r\n")); // missing CRLF
                    case 4 -> concat(ascii(size + ";" + "e".repeat(10_000) + "\r\n"), body, ascii("\r\n0\r\n\r\n"));
                    default -> concat(ascii(Integer.toHexString(body.length + 50) + "\r\n"), body); // cut short
                };
                rawBytes = RawRequests.stripContentLength(RawRequests.encode(port, method, target, headers, chunk,
                        null));
                closeOutput = true;
            }
            case 7 -> { // declared length longer than the body, then the client gives up
                if (body == null) {
                    body = utf8("{\"supersedesAttempt\":");
                    method = "POST";
                }
                contentLength = String.valueOf(body.length + 1 + r.nextInt(100_000));
                closeOutput = true;
            }
            case 8 -> { // Host header games
                String host = pick(r, new String[] {"", "a b", "[::1", "127.0.0.1:99999", "é", "x".repeat(5_000),
                        "evil.example", "127.0.0.1:" + port + ", evil.example"});
                rawBytes = RawRequests.replaceHost(RawRequests.encode(port, method, target, headers, body, null), host,
                        r.nextInt(4) == 0);
            }
            // a null value stands for a bare line without a colon
            case 9 -> headers.add(pick(r, List.of(new String[] {"Junk", null}, new String[] {"Authorization ",
                    "Bearer x"}, new String[] {" X-Folded", "continued"}, new String[] {"X(Y)", "1"},
                    new String[] {"X-Nul", "a\u0000b"}, new String[] {"X-Cr", "a\rb"}, new String[] {"", "empty"},
                    new String[] {"X-Utf8", "日本"})));
            case 10 -> method = pick(r, new String[] {"get", "G-E-T", "X".repeat(2_000), "GET\u0000", "",
                    "FOO", "TRACE", "TRACK", "DEBUG", "G\tET"});
            default -> { // request-line shapes
                String line = pick(r, List.of(method + "  " + target + " HTTP/1.1",
                        method + " " + target + "  HTTP/1.1", method + "\t" + target + " HTTP/1.1",
                        method + " http://evil.example" + target + " HTTP/1.1",
                        method + " http://127.0.0.1:" + port + target + " HTTP/1.1",
                        method + " * HTTP/1.1", method + " 127.0.0.1:" + port + " HTTP/1.1",
                        method + " " + target.substring(1) + " HTTP/1.1", method + " " + target + " http/1.1"));
                byte[] whole = RawRequests.encode(port, method, target, headers, body, null);
                int firstLine = indexOf(whole, ascii("\r\n"));
                rawBytes = concat(latin1OrUtf8(line), Arrays.copyOfRange(whole, firstLine, whole.length));
            }
        }
        b.method = method;
        b.target = target;
        b.body = body;
        if (rawBytes == null) {
            List<String[]> lines = new ArrayList<>();
            for (String[] h : headers) {
                lines.add(h[1] == null ? new String[] {h[0]} : h);
            }
            rawBytes = RawRequests.encodeWithBareLines(port, method, target, lines, body, contentLength);
        }
        b.auth = false; // the Authorization is already in the raw bytes
        b.raw = new FuzzRequest.Raw(rawBytes, closeOutput);
    }

    private static String insertAt(Random r, String target, String junk) {
        int at = 1 + r.nextInt(target.length() - 1);
        return target.substring(0, at) + junk + target.substring(at);
    }
}
