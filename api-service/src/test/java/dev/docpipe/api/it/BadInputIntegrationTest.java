package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.RawHttp;
import dev.docpipe.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Malformed input on every endpoint: always a 4xx problem+json with a stable code, never a 5xx, and
 * nothing produced to Kafka.
 */
class BadInputIntegrationTest extends ApiIntegrationTest {

    record Case(String name, int status, String code, Function<HttpApi, HttpApi.Response> send) {}

    private static final String REVIEW_OK = "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"t\"}}";

    private List<Case> cases(UUID child, UUID doc) {
        String docs = "/api/v1/children/" + child + "/documents";
        String d = docs + "/" + doc;
        List<Case> cases = new ArrayList<>();
        // ids
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", "00000000000000000000000000000000", "%20", "123")) {
            cases.add(new Case("child id " + bad, 400, "INVALID_ID", a -> a.get("/api/v1/children/" + bad + "/documents")));
            cases.add(new Case("document id " + bad, 400, "INVALID_ID", a -> a.get(docs + "/" + bad)));
            cases.add(new Case("confirm " + bad, 400, "INVALID_ID", a -> a.post(docs + "/" + bad + "/confirm-scan", null)));
            cases.add(new Case("command id " + bad, 400, "INVALID_ID", a -> a.get("/api/v1/commands/" + bad)));
        }
        // path tricks
        cases.add(new Case("encoded traversal", 400, "BAD_REQUEST", a -> a.get(docs + "/..%2F..%2Fetc%2Fpasswd")));
        cases.add(new Case("dot segments", 400, "BAD_REQUEST", a -> a.get(docs + "/%2e%2e/%2e%2e/x")));
        cases.add(new Case("semicolon", 400, "BAD_REQUEST", a -> a.get(d + ";jsessionid=x")));
        cases.add(new Case("unknown path", 404, "NOT_FOUND", a -> a.get("/api/v1/nothing-here")));
        cases.add(new Case("unknown sub-resource", 404, "NOT_FOUND", a -> a.post(d + "/delete-everything", null)));
        // methods
        cases.add(new Case("PUT document", 405, "METHOD_NOT_ALLOWED", a -> a.method("PUT", d, null, null)));
        cases.add(new Case("PUT confirm-scan", 405, "METHOD_NOT_ALLOWED", a -> a.method("PUT", d + "/confirm-scan", null, null)));
        cases.add(new Case("GET review", 405, "METHOD_NOT_ALLOWED", a -> a.get(d + "/review")));
        // review bodies
        cases.add(new Case("review: not JSON", 400, "MALFORMED_JSON", a -> a.patch(d + "/review", "{\"expectedReviewVersion\":")));
        cases.add(new Case("review: garbage", 400, "MALFORMED_JSON", a -> a.patch(d + "/review", "\u0000\u0001binary")));
        cases.add(new Case("review: trailing tokens", 400, "MALFORMED_JSON", a -> a.patch(d + "/review", REVIEW_OK + "{}")));
        cases.add(new Case("review: empty body", 400, "MALFORMED_JSON", a -> a.patch(d + "/review", "")));
        cases.add(new Case("review: null", 400, "MALFORMED_JSON", a -> a.patch(d + "/review", "null")));
        cases.add(new Case("review: array", 400, "INVALID_FIELD", a -> a.patch(d + "/review", "[]")));
        cases.add(new Case("review: string version", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":\"zero\",\"patch\":{\"title\":\"t\"}}")));
        cases.add(new Case("review: float version", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0.5,\"patch\":{\"title\":\"t\"}}")));
        cases.add(new Case("review: huge version", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":99999999999999999999999,\"patch\":{\"title\":\"t\"}}")));
        cases.add(new Case("review: negative version", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":-1,\"patch\":{\"title\":\"t\"}}")));
        cases.add(new Case("review: missing version", 428, "PRECONDITION_REQUIRED",
                a -> a.patch(d + "/review", "{\"patch\":{\"title\":\"t\"}}")));
        cases.add(new Case("review: missing patch", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0}")));
        cases.add(new Case("review: patch not an object", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":\"title\"}")));
        // PostgreSQL cannot store NUL: accepted, it would stall the read model's projector.
        cases.add(new Case("review: NUL in correctedText", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"correctedText\":\"a\\u0000b\"}}")));
        cases.add(new Case("review: NUL in a tag", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"tags\":[\"a\\u0000\"]}}")));
        cases.add(new Case("review: tags not a list", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"tags\":\"a\"}}")));
        cases.add(new Case("review: null tag", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"tags\":[\"a\",null]}}")));
        cases.add(new Case("review: title too long", 400, "INVALID_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"" + "x".repeat(1001) + "\"}}")));
        cases.add(new Case("review: unknown field", 400, "UNKNOWN_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"t\",\"x\":1}}")));
        cases.add(new Case("review: protected state", 422, "PROTECTED_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"state\":\"VALIDATED\"}}")));
        cases.add(new Case("review: protected reviewVersion", 422, "PROTECTED_FIELD",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"reviewVersion\":9}}")));
        cases.add(new Case("review: empty patch", 422, "EMPTY_PATCH",
                a -> a.patch(d + "/review", "{\"expectedReviewVersion\":0,\"patch\":{}}")));
        cases.add(new Case("review: text/plain", 415, "UNSUPPORTED_MEDIA_TYPE",
                a -> a.method("PATCH", d + "/review", "text/plain", REVIEW_OK.getBytes())));
        cases.add(new Case("review: no content type", 415, "UNSUPPORTED_MEDIA_TYPE",
                a -> a.method("PATCH", d + "/review", null, REVIEW_OK.getBytes())));
        cases.add(new Case("review: oversized body", 413, "PAYLOAD_TOO_LARGE", a -> a.patch(d + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"correctedText\":\"" + "x".repeat(300 * 1024) + "\"}}")));
        cases.add(new Case("review: text over limit", 400, "INVALID_FIELD", a -> a.patch(d + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"correctedText\":\"" + "x".repeat(210 * 1024) + "\"}}")));
        // rescan / validate bodies
        cases.add(new Case("rescan: attempt 0", 400, "INVALID_FIELD", a -> a.post(d + "/rescan", "{\"supersedesAttempt\":0}")));
        cases.add(new Case("rescan: attempt text", 400, "INVALID_FIELD", a -> a.post(d + "/rescan", "{\"supersedesAttempt\":\"one\"}")));
        cases.add(new Case("rescan: unknown field", 400, "UNKNOWN_FIELD", a -> a.post(d + "/rescan", "{\"attempts\":1}")));
        cases.add(new Case("rescan: malformed", 400, "MALFORMED_JSON", a -> a.post(d + "/rescan", "{")));
        cases.add(new Case("rescan: xml", 415, "UNSUPPORTED_MEDIA_TYPE",
                a -> a.method("POST", d + "/rescan", "application/xml", "<x/>".getBytes())));
        cases.add(new Case("rescan: no body", 428, "PRECONDITION_REQUIRED", a -> a.post(d + "/rescan", null)));
        cases.add(new Case("validate: no body", 428, "PRECONDITION_REQUIRED", a -> a.post(d + "/validate", null)));
        cases.add(new Case("retry-ocr: no body", 428, "PRECONDITION_REQUIRED", a -> a.post(d + "/retry-ocr", null)));
        cases.add(new Case("retry-ocr: attempt 0", 400, "INVALID_FIELD", a -> a.post(d + "/retry-ocr", "{\"failedAttempt\":0}")));
        cases.add(new Case("retry-ocr: attempt text", 400, "INVALID_FIELD",
                a -> a.post(d + "/retry-ocr", "{\"failedAttempt\":\"one\"}")));
        cases.add(new Case("retry-ocr: unknown field", 400, "UNKNOWN_FIELD", a -> a.post(d + "/retry-ocr", "{\"attempts\":1}")));
        cases.add(new Case("validate: negative", 400, "INVALID_FIELD", a -> a.post(d + "/validate", "{\"expectedReviewVersion\":-3}")));
        cases.add(new Case("validate: protected", 422, "PROTECTED_FIELD", a -> a.post(d + "/validate", "{\"state\":\"VALIDATED\"}")));
        // list parameters
        cases.add(new Case("list: page -1", 400, "INVALID_PARAMETER", a -> a.get(docs + "?page=-1")));
        cases.add(new Case("list: size 0", 400, "INVALID_PARAMETER", a -> a.get(docs + "?size=0")));
        cases.add(new Case("list: size 1000", 400, "INVALID_PARAMETER", a -> a.get(docs + "?size=1000")));
        cases.add(new Case("list: size abc", 400, "INVALID_PARAMETER", a -> a.get(docs + "?size=abc")));
        cases.add(new Case("list: page overflow", 400, "INVALID_PARAMETER", a -> a.get(docs + "?page=99999999999")));
        // uploads
        cases.add(new Case("upload: json body", 415, "UNSUPPORTED_MEDIA_TYPE", a -> a.post(docs, "{\"file\":\"x\"}")));
        cases.add(new Case("upload: no body", 415, "UNSUPPORTED_MEDIA_TYPE", a -> a.post(docs, null)));
        cases.add(new Case("upload: wrong part name", 400, "MISSING_FILE",
                a -> a.upload(docs, "document", "a.pdf", "application/pdf", PDF)));
        cases.add(new Case("upload: empty file", 400, "EMPTY_FILE",
                a -> a.upload(docs, "file", "a.pdf", "application/pdf", new byte[0])));
        cases.add(new Case("upload: zip claimed as pdf", 415, "UNSUPPORTED_FILE_TYPE",
                a -> a.upload(docs, "file", "a.pdf", "application/pdf", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0})));
        cases.add(new Case("upload: ELF binary", 415, "UNSUPPORTED_FILE_TYPE",
                a -> a.upload(docs, "file", "a.png", "image/png", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0})));
        cases.add(new Case("upload: text with NUL", 415, "UNSUPPORTED_FILE_TYPE",
                a -> a.upload(docs, "file", "a.txt", "text/plain", "hello\u0000world".getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case("upload: invalid UTF-8", 415, "UNSUPPORTED_FILE_TYPE",
                a -> a.upload(docs, "file", "a.txt", "text/plain", new byte[] {'h', 'i', (byte) 0xC3, (byte) 0x28})));
        cases.add(new Case("upload: html claimed as jpeg", 415, "UNSUPPORTED_FILE_TYPE",
                a -> a.upload(docs, "file", "a.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 0x00, 0x01})));
        cases.add(new Case("upload: broken multipart", 400, "MALFORMED_MULTIPART",
                a -> a.method("POST", docs, "multipart/form-data; boundary=xyz", "--xyz\r\ngarbage".getBytes())));
        cases.add(new Case("upload: NUL in file name", 400, "MALFORMED_MULTIPART",
                a -> a.upload(docs, "file", "a\u0000b.pdf", "application/pdf", PDF)));
        cases.add(new Case("upload: oversize", 413, "PAYLOAD_TOO_LARGE",
                a -> a.upload(docs, "file", "big.pdf", "application/pdf", oversizedPdf())));
        cases.add(new Case("upload: bad idempotency key", 400, "INVALID_IDEMPOTENCY_KEY",
                a -> a.upload(docs, "file", "a.pdf", "application/pdf", PDF, "Idempotency-Key", "x".repeat(300))));
        cases.add(new Case("upload: unknown child", 404, "CHILD_NOT_FOUND",
                a -> a.uploadFile(UUID.randomUUID(), "a.pdf", PDF)));
        // errors are problem+json even when the client only accepts text
        cases.add(new Case("text before extraction, Accept text/plain", 404, "TEXT_NOT_AVAILABLE",
                a -> a.get(d + "/text", "Accept", "text/plain")));
        cases.add(new Case("document, Accept xml", 406, "NOT_ACCEPTABLE", a -> a.get(d, "Accept", "application/xml")));
        // dev endpoint: exists with the dev profile, but only for POST
        cases.add(new Case("dev accounts: GET", 405, "METHOD_NOT_ALLOWED", a -> a.get("/api/v1/dev/accounts")));
        return cases;
    }

    private static byte[] oversizedPdf() {
        byte[] big = new byte[20 * 1024 * 1024 + 1024];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        return big;
    }

    @Test
    void everyEndpointRefusesMalformedInputWithAProblemAndSendsNothing() {
        UUID documentId = scannedDocument();
        var before = endOffsets(Topics.COMMANDS);
        long version = api.get(docPath(documentId)).json().path("version").asLong();
        List<String> failures = new ArrayList<>();
        for (Case c : cases(childId, documentId)) {
            HttpApi.Response r = c.send().apply(api);
            String code = r.contentType().startsWith("application/problem+json") ? r.code() : "(not a problem)";
            if (r.status() != c.status() || !c.code().equals(code)) {
                failures.add(c.name() + ": expected " + c.status() + " " + c.code() + ", got " + r.status() + " "
                        + code + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
            assertThat(r.status()).as(c.name()).isLessThan(500);
        }
        assertThat(failures).isEmpty();
        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
        HttpApi.Response doc = api.get(docPath(documentId));
        assertThat(doc.json().path("version").asLong()).isEqualTo(version);
        assertThat(doc.json().path("state").asString()).isEqualTo("SCANNED");
    }

    /**
     * Issue 14: a query string that is not percent-encoded UTF-8 was a 500 (the container's decoder
     * failing inside whatever read a parameter first). Sent raw: {@code java.net.http} refuses to send
     * most of these. Every request would otherwise be valid (the caller's SCANNED document, valid bodies),
     * so a server that ignored the query would answer 2xx or send a command.
     */
    @Test
    void malformedQueryStringsAre400OnEveryEndpoint() {
        UUID documentId = scannedDocument();
        var before = endOffsets(Topics.COMMANDS);
        String docs = "/api/v1/children/" + childId + "/documents";
        String d = docs + "/" + documentId;
        String boundary = "qs-boundary";
        String upload = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n" + new String(pdf(), StandardCharsets.ISO_8859_1)
                + "\r\n--" + boundary + "--\r\n";
        // method, path, content type, body
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/actuator/health", null, null},
                new String[] {"POST", docs, "multipart/form-data; boundary=" + boundary, upload},
                new String[] {"GET", docs, null, null},
                new String[] {"GET", d, null, null},
                new String[] {"GET", d + "/text", null, null},
                new String[] {"POST", d + "/confirm-scan", null, null},
                new String[] {"POST", d + "/rescan", "application/json", "{\"supersedesAttempt\":1}"},
                new String[] {"POST", d + "/retry-ocr", "application/json", "{\"failedAttempt\":1}"},
                new String[] {"PATCH", d + "/review", "application/json", REVIEW_OK},
                new String[] {"POST", d + "/validate", "application/json", "{\"expectedReviewVersion\":0}"},
                new String[] {"GET", "/api/v1/commands/" + UUID.randomUUID(), null, null},
                new String[] {"POST", "/api/v1/dev/accounts", null, null});
        String token = tokens.issue(accountId);
        List<String> failures = new ArrayList<>();
        for (String query : List.of("x=%ff", "%", "x=%zz", "x=%c0%af", "x=%00", "x=%ed%a0%80", "page=0&q=%e2%82")) {
            for (String[] e : endpoints) {
                StringBuilder request = new StringBuilder(e[0] + " " + e[1] + "?" + query + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\nConnection: close\r\nAuthorization: Bearer " + token + "\r\n");
                byte[] body = e[3] == null ? new byte[0] : e[3].getBytes(StandardCharsets.ISO_8859_1);
                if (e[2] != null) {
                    request.append("Content-Type: ").append(e[2]).append("\r\n");
                }
                request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
                byte[] bytes = new byte[head.length + body.length];
                System.arraycopy(head, 0, bytes, 0, head.length);
                System.arraycopy(body, 0, bytes, head.length, body.length);
                RawHttp.Response r = RawHttp.send(port, bytes, false, 30_000);
                String body400 = new String(r.body(), StandardCharsets.UTF_8);
                if (r.status() != 400 || !r.contentType().startsWith("application/problem+json")
                        || !body400.contains("\"code\":\"MALFORMED_QUERY_STRING\"")) {
                    failures.add(e[0] + " " + e[1] + "?" + query + " -> " + r.status() + " " + r.contentType() + " "
                            + body400.substring(0, Math.min(200, body400.length())));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
        assertThat(api.get(docPath(documentId)).json().path("state").asString()).isEqualTo("SCANNED");
    }

    @Test
    void fileNamesAreDisplayOnlyAndNeverPaths() throws Exception {
        for (String name : List.of("../../../etc/passwd", "..\\..\\windows\\system32\\evil.pdf", "/abs/path.pdf",
"\u202Egnp.pdf", "....pdf", "...")) {
            byte[] content = pdf();
            HttpApi.Response r = api.uploadFile(childId, name, content);
            assertThat(r.status()).as(name + ": " + r).isEqualTo(202);
            UUID documentId = UUID.fromString(r.json().path("documentId").asString());
            String stored = api.get(docPath(documentId)).json().path("file").path("fileName").asString(null);
            if (stored != null) {
                assertThat(stored).doesNotContain("/", "\\", "..", "\u0000", "\u202E").doesNotStartWith(".");
            }
        }
        // the blob directory holds content-addressed files only
        Path root = dev.docpipe.api.support.TestStack.get().blobDir;
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
                    .allMatch(p -> p.matches("sha256/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}"));
        }
    }
}
