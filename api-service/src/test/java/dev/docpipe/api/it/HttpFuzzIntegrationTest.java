package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.RawHttp;
import dev.docpipe.api.upload.ContentTypes;
import dev.docpipe.model.Topics;
import dev.docpipe.testsupport.TopicReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of malformed or adversarial requests over real HTTP against every endpoint of the design,
 * from a seeded generator: each one is invalid by construction, so none may produce a command, none
 * may be answered with a 5xx, and every error must be {@code application/problem+json}.
 *
 * <p>Invalid by construction: a request either names a document, child or command the caller does not
 * own, or carries something the contract refuses whatever the server's leniency (broken JSON syntax,
 * wrong types, unknown fields, out-of-range numbers, invalid UTF-8, an unsupported media type, a file
 * whose bytes are none of the accepted types, an Idempotency-Key outside 1-255 visible ASCII, a wrong
 * method, a forged token). Only those strictly invalid inputs are ever aimed at a real document of the
 * caller; inputs a lenient but correct server could accept (numeric strings, a JSON {@code null}, a BOM,
 * duplicate keys with valid values, exotic JSON media types) are aimed at documents that do not exist.
 * Every uploaded file is checked against the API's own {@link ContentTypes} before it is sent.
 *
 * <p>Left out on purpose: {@code CONNECT} and unknown transfer codings, which the container answers with
 * 501 as RFC 9110/9112 ask (they never reach the application), and HTTP versions other than 1.1 (505).
 *
 * <p>{@code -Dfuzz.requests=N} (default 10000), {@code -Dfuzz.seed=S}, {@code -Dfuzz.concurrency=C}
 * (default 24). The same seed sends the same requests (each request's generator is seeded by the seed
 * and its index, so concurrency does not change what is sent).
 */
class HttpFuzzIntegrationTest extends ApiIntegrationTest {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final int CONCURRENCY = Integer.getInteger("fuzz.concurrency", 24);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One hostile request; {@code raw} set = sent verbatim over a socket. */
    record Req(int index, String category, String method, String target, List<String[]> headers, byte[] body,
            Raw raw, boolean may2xx) {
        String describe() {
            String b = body == null ? "" : printable(body, 160);
            String r = raw == null ? "" : " raw=" + printable(raw.bytes(), 300);
            StringBuilder h = new StringBuilder();
            for (String[] header : headers) {
                h.append(' ').append(header[0]).append('=').append(printable(
                        header[1].getBytes(StandardCharsets.ISO_8859_1), 60));
            }
            return "#" + index + " [" + category + "] " + method + " " + printable(
                    target.getBytes(StandardCharsets.ISO_8859_1), 160) + h + (b.isEmpty() ? "" : " body=" + b) + r;
        }
    }

    /** @param closeOutput half-close after writing (a client that lied about its body length) */
    record Raw(byte[] bytes, boolean closeOutput) {}

    record Outcome(int status, String contentType, byte[] body, String failure) {}

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void hostileRequestsNeverCauseA5xxANonProblemAnswerOrACommand() throws Exception {
        // a real document of the caller, SCANNED: nothing in flight, so its version moves only if a command
        // gets through (and a confirm-scan that did would queue an OCR job); another family's document
        UUID realDoc = scannedDocument();
        long realVersion = api.get(docPath(realDoc)).json().path("version").asLong();
        Family other = newFamily();
        HttpApi.Response otherUpload = other.api().uploadFile(other.childId(), "theirs.pdf", pdf());
        assertThat(otherUpload.status()).as(otherUpload.toString()).isEqualTo(202);
        UUID otherDoc = UUID.fromString(otherUpload.json().path("documentId").asString());
        String otherCommandText = otherUpload.json().path("commandId").asString(null);
        UUID otherCommand = otherCommandText != null ? UUID.fromString(otherCommandText) : UUID.randomUUID();
        String token = newFamilyToken();

        Generator generator = new Generator(SEED, port, token, childId, realDoc, other.childId(), otherDoc,
                otherCommand);
        Map<String, Long> before = toStringKeys(endOffsets(Topics.COMMANDS));

        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<String, Map<Integer, LongAdder>> byCategory = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> nonProblems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problemsWithoutCode = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpectedSuccess = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> noResponse = new ConcurrentLinkedQueue<>();
        Map<String, String> byCommandId = new ConcurrentHashMap<>();
        LongAdder rawCount = new LongAdder();
        AtomicInteger next = new AtomicInteger();

        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runners = new ArrayList<>();
            for (int t = 0; t < CONCURRENCY; t++) {
                runners.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        Req req = generator.generate(i);
                        Outcome o = send(req, token);
                        if (req.raw() != null) {
                            rawCount.increment();
                        }
                        statuses.computeIfAbsent(o.status(), s -> new LongAdder()).increment();
                        byCategory.computeIfAbsent(req.category(), c -> new ConcurrentHashMap<>())
                                .computeIfAbsent(o.status(), s -> new LongAdder()).increment();
                        String seen = " -> " + o.status() + " " + o.contentType() + " "
                                + (o.failure() != null ? o.failure() : printable(o.body(), 200));
                        String commandId = commandId(o.body());
                        if (commandId != null) {
                            byCommandId.put(commandId, req.describe() + seen);
                        }
                        if (o.status() < 0) {
                            noResponse.add(req.describe() + seen);
                        } else if (o.status() >= 500) {
                            serverErrors.add(req.describe() + seen);
                        } else if (o.status() >= 400) {
                            if (!o.contentType().startsWith("application/problem+json")) {
                                nonProblems.add(req.describe() + seen);
                            } else if (!"HEAD".equals(req.method()) && !hasCode(o.body())) {
                                problemsWithoutCode.add(req.describe() + seen);
                            }
                        } else if (o.status() < 300 && !req.may2xx()) {
                            unexpectedSuccess.add(req.describe() + seen);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> runner : runners) {
                runner.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // the outcomes of anything that did get through would arrive within the outcome wait: none may
        Map<String, Long> after = toStringKeys(endOffsets(Topics.COMMANDS));
        long commands = 0;
        for (var e : after.entrySet()) {
            commands += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }

        StringBuilder out = new StringBuilder("\n=== HttpFuzzIntegrationTest ===\n");
        out.append(String.format("seed %d | requests %d (%d raw-socket) | concurrency %d | %.1f s | %.0f req/s%n",
                SEED, REQUESTS, rawCount.sum(), CONCURRENCY, seconds, REQUESTS / seconds));
        out.append("| status | count |\n|---:|---:|\n");
        new TreeMap<>(statuses).forEach((s, n) -> out.append(String.format("| %s | %d |%n",
                s < 0 ? "no response" : s.toString(), n.sum())));
        out.append("| figure | value | required |\n|---|---:|---:|\n");
        out.append(String.format("| requests sent | %d | >= 10000 |%n", REQUESTS));
        out.append(String.format("| 5xx | %d | 0 |%n", serverErrors.size()));
        out.append(String.format("| errors not application/problem+json | %d | 0 |%n", nonProblems.size()));
        out.append(String.format("| problem bodies without a code | %d | 0 |%n", problemsWithoutCode.size()));
        out.append(String.format("| unexpected 2xx | %d | 0 |%n", unexpectedSuccess.size()));
        out.append(String.format("| no response | %d | 0 |%n", noResponse.size()));
        out.append(String.format("| records on docpipe.commands during the fuzz | %d | 0 |%n", commands));
        out.append("| category | requests | statuses |\n|---|---:|---|\n");
        new TreeMap<>(byCategory).forEach((c, h) -> {
            long n = h.values().stream().mapToLong(LongAdder::sum).sum();
            StringBuilder s = new StringBuilder();
            new TreeMap<>(h).forEach((status, count) -> s.append(status).append('×').append(count.sum()).append(' '));
            out.append(String.format("| %s | %d | %s|%n", c, n, s));
        });
        for (var failures : List.of(Map.entry("5xx", serverErrors), Map.entry("non-problem errors", nonProblems),
                Map.entry("problems without code", problemsWithoutCode),
                Map.entry("unexpected 2xx", unexpectedSuccess), Map.entry("no response", noResponse))) {
            failures.getValue().stream().limit(15).forEach(f -> out.append(failures.getKey()).append(": ")
                    .append(f).append('\n'));
        }
        if (commands > 0) { // what got through, and which request sent it
            for (var record : TopicReader.readCommitted(dev.docpipe.api.support.TestStack.get().bootstrapServers)
                    .readAll(Topics.COMMANDS)) {
                if (record.offset() >= before.getOrDefault(String.valueOf(record.partition()), 0L)) {
                    String id = JSON.readTree(record.value()).path("commandId").asString("");
                    out.append("COMMAND ").append(record.value()).append("\n  sent by ")
                            .append(byCommandId.getOrDefault(id, "(no response named it)")).append('\n');
                }
            }
        }
        System.out.println(out);

        assertThat(serverErrors).as("5xx").isEmpty();
        assertThat(nonProblems).as("errors that are not problem+json").isEmpty();
        assertThat(problemsWithoutCode).as("problem bodies without a code").isEmpty();
        assertThat(unexpectedSuccess).as("2xx to requests that are invalid by construction").isEmpty();
        assertThat(noResponse).as("requests left without a response").isEmpty();
        assertThat(commands).as("records produced to " + Topics.COMMANDS).isZero();
        HttpApi.Response doc = api.get(docPath(realDoc));
        assertThat(doc.json().path("version").asLong()).isEqualTo(realVersion);
    }

    private String newFamilyToken() {
        // the fuzzing caller is the test's own family: api's token
        return tokens.issue(accountId);
    }

    private static Map<String, Long> toStringKeys(Map<Integer, Long> offsets) {
        Map<String, Long> m = new TreeMap<>();
        offsets.forEach((p, o) -> m.put(String.valueOf(p), o));
        return m;
    }

    private static String commandId(byte[] body) {
        if (body.length == 0 || body.length > 100_000 || body[0] != '{') {
            return null;
        }
        try {
            String id = JSON.readTree(body).path("commandId").asString(null);
            return id == null || id.isEmpty() ? null : id;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean hasCode(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("code").isString() && !node.path("code").asString().isEmpty()
                    && node.path("status").isNumber();
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ sending

    private Outcome send(Req req, String token) {
        if (req.raw() != null) {
            return fromRaw(RawHttp.send(port, req.raw().bytes(), req.raw().closeOutput(), 30_000));
        }
        if (!req.headers().stream().allMatch(h -> visibleAscii(h[1]))) {
            // java.net.http writes header values as US-ASCII ("clé" would arrive as "cl?"): send the bytes raw
            return fromRaw(RawHttp.send(port, encodeRaw(port, req.method(), req.target(), req.headers(), req.body(),
                    null), false, 30_000));
        }
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + req.target()))
                    .timeout(Duration.ofSeconds(30));
            for (String[] h : req.headers()) {
                b.header(h[0], h[1]);
            }
            b.method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(req.body()));
            request = b.build();
        } catch (IllegalArgumentException e) {
            // something java.net.http will not send (an illegal URI, header or method): send it raw
            return fromRaw(RawHttp.send(port, encodeRaw(port, req.method(), req.target(), req.headers(), req.body(),
                    null), false, 30_000));
        }
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), null);
        } catch (IOException e) {
            return new Outcome(-1, "", new byte[0], e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean visibleAscii(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7F);
    }

    private static Outcome fromRaw(RawHttp.Response r) {
        return new Outcome(r.status(), r.contentType(), r.body(), r.failure());
    }

    /** A request as bytes: request line, Host, Connection: close, the headers, Content-Length unless given. */
    static byte[] encodeRaw(int port, String method, String target, List<String[]> headers, byte[] body,
            String contentLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        head.append("Connection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (contentLength != null) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(latin1OrUtf8(head.toString()));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** ISO-8859-1 where it can be, UTF-8 bytes for characters beyond it (so they arrive as raw high bytes). */
    static byte[] latin1OrUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.codePoints().forEach(c -> {
            if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    static String printable(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            s.append("…(").append(bytes.length).append(" bytes)");
        }
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------- generator

    /** The endpoints of docs/design.md ("HTTP API") plus the dev-only account endpoint. */
    enum Endpoint {
        UPLOAD("POST"), LIST("GET"), GET("GET"), TEXT("GET"), CONFIRM("POST"), RESCAN("POST"), REVIEW("PATCH"),
        VALIDATE("POST"), COMMAND("GET"), DEV_ACCOUNTS("POST");

        final String method;

        Endpoint(String method) {
            this.method = method;
        }

        boolean documentScoped() {
            return this == GET || this == TEXT || this == CONFIRM || this == RESCAN || this == REVIEW
                    || this == VALIDATE;
        }
    }

    static final class Generator {
        private static final Endpoint[] DESIGN = {Endpoint.UPLOAD, Endpoint.LIST, Endpoint.GET, Endpoint.TEXT,
                Endpoint.CONFIRM, Endpoint.RESCAN, Endpoint.REVIEW, Endpoint.VALIDATE, Endpoint.COMMAND};
        private static final Endpoint[] BODY = {Endpoint.REVIEW, Endpoint.RESCAN, Endpoint.VALIDATE};
        private static final Endpoint[] COMMANDS = {Endpoint.UPLOAD, Endpoint.CONFIRM, Endpoint.RESCAN,
                Endpoint.REVIEW, Endpoint.VALIDATE};

        private final long seed;
        private final int port;
        private final String token;
        private final UUID ownChild;
        private final UUID realDoc;
        private final UUID otherChild;
        private final UUID otherDoc;
        private final UUID otherCommand;

        Generator(long seed, int port, String token, UUID ownChild, UUID realDoc, UUID otherChild, UUID otherDoc,
                UUID otherCommand) {
            this.seed = seed;
            this.port = port;
            this.token = token;
            this.ownChild = ownChild;
            this.realDoc = realDoc;
            this.otherChild = otherChild;
            this.otherDoc = otherDoc;
            this.otherCommand = otherCommand;
        }

        /** The request number {@code index}: a pure function of (seed, index). */
        Req generate(int index) {
            Random r = new Random(mix(seed, index));
            int c = r.nextInt(100);
            B b = new B(index);
            if (c < 15) {
                badPath(r, b);
            } else if (c < 35) {
                malformedJson(r, b);
            } else if (c < 45) {
                mediaTypes(r, b);
            } else if (c < 60) {
                multipart(r, b);
            } else if (c < 68) {
                idempotencyKeys(r, b);
            } else if (c < 78) {
                wrongMethods(r, b);
            } else if (c < 88) {
                notTheCallers(r, b);
            } else if (c < 98) {
                protocol(r, b);
            } else {
                tokens(r, b);
            }
            return b.build();
        }

        private static long mix(long seed, int index) {
            long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** A request under construction. */
        final class B {
            final int index;
            String category;
            String method;
            String target;
            final List<String[]> headers = new ArrayList<>();
            byte[] body;
            Raw raw;
            boolean may2xx;
            boolean auth = true;

            B(int index) {
                this.index = index;
            }

            B header(String name, String value) {
                headers.add(new String[] {name, value});
                return this;
            }

            B json(String text) {
                return json(text.getBytes(StandardCharsets.UTF_8));
            }

            B json(byte[] bytes) {
                body = bytes;
                return header("Content-Type", "application/json");
            }

            Req build() {
                List<String[]> all = new ArrayList<>();
                if (auth) {
                    all.add(new String[] {"Authorization", "Bearer " + token});
                }
                all.addAll(headers);
                return new Req(index, category, method, target, all, body, raw, may2xx);
            }
        }

        // ---- targets

        private static String docs(String child) {
            return "/api/v1/children/" + child + "/documents";
        }

        private static String path(Endpoint e, String child, String doc, String command) {
            return switch (e) {
                case UPLOAD, LIST -> docs(child);
                case GET -> docs(child) + "/" + doc;
                case TEXT -> docs(child) + "/" + doc + "/text";
                case CONFIRM -> docs(child) + "/" + doc + "/confirm-scan";
                case RESCAN -> docs(child) + "/" + doc + "/rescan";
                case REVIEW -> docs(child) + "/" + doc + "/review";
                case VALIDATE -> docs(child) + "/" + doc + "/validate";
                case COMMAND -> "/api/v1/commands/" + command;
                case DEV_ACCOUNTS -> "/api/v1/dev/accounts";
            };
        }

        /** A target that does not exist or is not the caller's (never the caller's real document). */
        private String foreignTarget(Random r, Endpoint e) {
            String random = uuid(r);
            if (e == Endpoint.UPLOAD || e == Endpoint.LIST) {
                return path(e, r.nextBoolean() ? otherChild.toString() : random, null, null);
            }
            if (e == Endpoint.COMMAND) {
                return path(e, null, null, r.nextInt(3) == 0 ? otherCommand.toString() : random);
            }
            if (e == Endpoint.DEV_ACCOUNTS) {
                throw new IllegalArgumentException("the dev endpoint has no foreign target");
            }
            return switch (r.nextInt(4)) {
                case 0 -> path(e, otherChild.toString(), otherDoc.toString(), null);
                case 1 -> path(e, ownChild.toString(), otherDoc.toString(), null);
                case 2 -> path(e, random, uuid(r), null);
                default -> path(e, ownChild.toString(), random, null);
            };
        }

        /** The caller's real document: only for requests that are strictly invalid. */
        private String realTarget(Endpoint e) {
            return path(e, ownChild.toString(), realDoc.toString(), UUID.randomUUID().toString());
        }

        private static <T> T pick(Random r, T[] values) {
            return values[r.nextInt(values.length)];
        }

        private static <T> T pick(Random r, List<T> values) {
            return values.get(r.nextInt(values.size()));
        }

        private static String uuid(Random r) {
            return new UUID(r.nextLong(), r.nextLong()).toString();
        }

        // ---- bodies

        private static String validBody(Random r, Endpoint e) {
            return switch (e) {
                case REVIEW -> "{\"expectedReviewVersion\":" + r.nextInt(3) + ",\"patch\":{\"title\":\"t"
                        + r.nextInt(100) + "\",\"tags\":[\"a\",\"b\"],\"language\":\"de\"}}";
                case RESCAN -> "{\"supersedesAttempt\":" + (1 + r.nextInt(3)) + "}";
                case VALIDATE -> "{\"expectedReviewVersion\":" + r.nextInt(3) + "}";
                default -> "{}";
            };
        }

        /** The number field of each body endpoint, and values no reading of the contract accepts for it. */
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

        private static String numberField(Endpoint e) {
            return e == Endpoint.RESCAN ? "supersedesAttempt" : "expectedReviewVersion";
        }

        private static String withNumber(Endpoint e, String value) {
            return switch (e) {
                case REVIEW -> "{\"expectedReviewVersion\":" + value + ",\"patch\":{\"title\":\"t\"}}";
                case RESCAN -> "{\"supersedesAttempt\":" + value + "}";
                default -> "{\"expectedReviewVersion\":" + value + "}";
            };
        }

        /** A body every reading of the contract refuses for {@code e} (review, rescan or validate). */
        private static byte[] strictlyInvalidBody(Random r, Endpoint e) {
            String valid = validBody(r, e);
            String number = numberField(e);
            String bad = e == Endpoint.RESCAN ? pick(r, BAD_INT) : pick(r, BAD_LONG);
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

        private static final byte[][] BAD_UTF8 = {
                {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xBF},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3},
                {(byte) 0xE2, (byte) 0x82}};

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

        /** Bodies a lenient but correct server might accept: only ever sent to foreign targets. */
        private static byte[] ambiguousBody(Random r, Endpoint e) {
            String valid = validBody(r, e);
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

        // ---- files

        /** Starts like an accepted type but is not one; the NUL within the first 9 bytes rules out text. */
        private static final byte[][] NEAR_MISS = {
                ascii("%PDF"), ascii("%PDF_"), ascii("%pdf-"), ascii(" %PDF-"),
                {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A}, {(byte) 0x89, 'P', 'N', 'G'},
                {(byte) 0x89, 'p', 'n', 'g', '\r', '\n', 0x1A, '\n'}, {(byte) 0xFF, (byte) 0xD8},
                ascii("II+"), {'M', 'M', 0, '+'}, {'P', 'K', 3, 4}, {0x7F, 'E', 'L', 'F'}, ascii("GIF89a"),
                ascii("BM"), ascii("RIFF"), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {}};

        private static byte[] invalidFile(Random r) {
            byte[] prefix = NEAR_MISS[r.nextInt(NEAR_MISS.length)];
            byte[] rest = new byte[r.nextInt(4) == 0 ? r.nextInt(8) : r.nextInt(r.nextBoolean() ? 64 : 8_192)];
            r.nextBytes(rest);
            byte[] file = new byte[prefix.length + 1 + rest.length];
            System.arraycopy(prefix, 0, file, 0, prefix.length);
            file[prefix.length] = 0;
            System.arraycopy(rest, 0, file, prefix.length + 1, rest.length);
            return requireRejected(file);
        }

        /** A generator bug must not turn into a real upload: the API's own detection must refuse the bytes. */
        private static byte[] requireRejected(byte[] file) {
            try {
                if (ContentTypes.detect(new ByteArrayInputStream(file)).isPresent()) {
                    throw new IllegalStateException("generator made an acceptable file: " + printable(file, 40));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        private static final String[] CLAIMED = {"application/pdf", "image/png", "image/jpeg", "image/tiff",
                "text/plain", "application/octet-stream", "application/x-msdownload", "", "garbage",
                "application/pdf; charset=\"", "image/png\u0000"};
        private static final String[] FILE_NAMES = {"scan.pdf", "a.png", "../../../etc/passwd",
                "..\\..\\windows\\win.ini", "/abs/x.pdf", "\u202Egnp.exe", "con.pdf", "a\"b.pdf", "a;b=c.pdf",
                "é.pdf", "x".repeat(5_000) + ".pdf", "", ".", "..", "%2e%2e%2f.pdf", "a\rb.pdf"};

        record Part(String headers, byte[] content) {}

        private static byte[] multipartBody(String boundary, List<Part> parts, boolean close) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part p : parts) {
                out.writeBytes(latin1OrUtf8("--" + boundary + "\r\n" + p.headers() + "\r\n"));
                out.writeBytes(p.content());
                out.writeBytes(ascii("\r\n"));
            }
            if (close) {
                out.writeBytes(ascii("--" + boundary + "--\r\n"));
            }
            return out.toByteArray();
        }

        private static Part filePart(Random r, String name, byte[] content) {
            return new Part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + pick(r, FILE_NAMES) + "\"\r\nContent-Type: " + pick(r, CLAIMED) + "\r\n", content);
        }

        private String uploadTarget(Random r) {
            return r.nextInt(10) < 7 ? docs(ownChild.toString()) : foreignTarget(r, Endpoint.UPLOAD);
        }

        // ---- categories

        /** Non-UUIDs, overlong ids, percent-encoded junk, traversal, in every id position. */
        private void badPath(Random r, B b) {
            Endpoint e = pick(r, DESIGN);
            b.category = "path-params";
            b.method = e.method;
            String child = ownChild.toString();
            String doc = uuid(r);
            String command = uuid(r);
            if (e == Endpoint.UPLOAD || e == Endpoint.LIST) {
                child = junkId(r);
            } else if (e == Endpoint.COMMAND) {
                command = junkId(r);
            } else if (r.nextBoolean()) {
                child = junkId(r);
                if (r.nextInt(3) == 0) {
                    doc = realDoc.toString(); // a real document under a junk child is still invalid
                }
            } else {
                doc = junkId(r);
            }
            b.target = path(e, child, doc, command);
            if (e == Endpoint.UPLOAD) {
                String boundary = "fuzz" + r.nextInt(1_000_000);
                b.body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else if (e == Endpoint.REVIEW || (e == Endpoint.RESCAN || e == Endpoint.VALIDATE) && r.nextBoolean()) {
                b.json(validBody(r, e));
            }
        }

        private static final String[] JUNK_IDS = {"not-a-uuid", "1-1-1-1-1", "00000000000000000000000000000000",
                "123", "0", "-1", "null", "undefined", "NaN", "true", "{documentId}", "%20", "%00", "%0A", "%0D%0A",
                "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "%5C", "%C0%AE%C0%AE", "%ff%fe", "%E2%80%AE", ".", "..",
                "...", "~", "*", "%2A", "%27%20OR%201=1--", "1;DROP%20TABLE%20documents", "%3Cscript%3E", "uuid()",
                "..;", "..%3B", "%252e%252e", "%c0%af", "..%00", "....//", "%2e%2e%5c", "%7Bx%7D", "x;jsessionid=1",
                "urn:uuid:00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000%00",
                "%EF%BC%91%EF%BC%92", "%F0%9F%92%A9", "%24%7Bjndi:ldap://x/a%7D", "%7B%7B7*7%7D%7D", "%25n%25s"};

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

        /** Truncated, mistyped, deeply nested, huge, duplicated, unknown-field and non-UTF-8 JSON bodies. */
        private void malformedJson(Random r, B b) {
            Endpoint e = r.nextInt(10) == 0 ? pick(r, new Endpoint[] {Endpoint.CONFIRM, Endpoint.UPLOAD,
                    Endpoint.GET, Endpoint.LIST, Endpoint.TEXT, Endpoint.COMMAND}) : pick(r, BODY);
            b.method = e.method;
            if (!List.of(BODY).contains(e)) {
                // endpoints that take no JSON: a JSON body changes nothing, and the target is not the caller's
                b.category = "json-elsewhere";
                b.target = foreignTarget(r, e);
                b.json(strictlyInvalidBody(r, pick(r, BODY)));
                return;
            }
            int where = r.nextInt(20);
            if (where < 2) {
                b.category = "json-ambiguous";
                b.target = foreignTarget(r, e);
                b.json(ambiguousBody(r, e));
            } else {
                b.category = "json-malformed";
                b.target = where < 9 ? realTarget(e) : foreignTarget(r, e);
                b.json(strictlyInvalidBody(r, e));
            }
            if (r.nextInt(5) == 0) {
                b.headers.removeIf(h -> h[0].equals("Content-Type"));
                b.header("Content-Type", pick(r, new String[] {"application/json;charset=UTF-8",
                        "application/problem+json", "application/merge-patch+json", "application/json; charset=utf-8"}));
            }
        }

        private static final String[] WRONG_TYPES = {"text/plain", "text/plain;charset=UTF-8", "application/xml",
                "text/xml", "text/html", "application/octet-stream", "image/png", "application/pdf",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=zzz", "multipart/form-data",
                "application/javascript", "application/graphql", "application/x-java-serialized-object",
                "application/grpc"};
        private static final String[] ODD_TYPES = {"application/json;charset=ISO-8859-1",
                "application/json;charset=bogus-charset", "application/json;charset=", "application/json;charset=\"",
                "application/vnd.docpipe+json", "APPLICATION/JSON", "application/json, text/plain", "", ";",
                "application/", "/", "*/*", "application/*", "text/*", "application/json;;;", "application/json; q=0.1",
                "application/yaml", "application/x-yaml", "application/cbor", "application/x-jackson-smile",
                "application/x-ndjson", "application/json;charset=UTF-16", "application/json; boundary=--x",
                "application/json;charset=UTF-32", "a/b/c", "application/json\u00e9", "text/json"};
        private static final String[] ACCEPTS = {"application/xml", "text/html", "image/*", "*/*;q=0",
                "application/json;q=abc", "", "garbage", "text/plain", "application/problem+json", "*/*;q=2", "a/b/c",
                "application/json, */*;q=0.1", "application/json;charset=bogus", "text/event-stream",
                "application/x-ndjson", ",,,", "*/*;q=0.5, application/xml;q=1"};

        /** Wrong, missing and odd Content-Type (and Accept) headers. */
        private void mediaTypes(Random r, B b) {
            int kind = r.nextInt(10);
            if (kind < 4) { // JSON endpoints given something that is not JSON: refused even on a real document
                Endpoint e = pick(r, BODY);
                b.category = "content-type-wrong";
                b.method = e.method;
                b.target = r.nextInt(3) > 0 ? realTarget(e) : foreignTarget(r, e);
                b.body = utf8(validBody(r, e));
                if (r.nextInt(8) > 0) {
                    b.header("Content-Type", pick(r, WRONG_TYPES));
                } // else: no Content-Type at all, with a body
            } else if (kind < 7) { // exotic JSON-ish types: not the caller's document, whatever they parse to
                Endpoint e = pick(r, BODY);
                b.category = "content-type-odd";
                b.method = e.method;
                b.target = foreignTarget(r, e);
                b.body = utf8(validBody(r, e));
                b.header("Content-Type", pick(r, ODD_TYPES));
            } else if (kind < 8) { // the upload endpoint given JSON, form data, a bare file
                b.category = "content-type-upload";
                b.method = "POST";
                b.target = uploadTarget(r);
                b.body = r.nextBoolean() ? utf8("{\"file\":\"JVBERi0xLjcK\"}") : invalidFile(r);
                String type = pick(r, new String[] {"application/json", "application/pdf", "image/png",
                        "application/octet-stream", "application/x-www-form-urlencoded", "text/plain"});
                if (r.nextInt(6) > 0) {
                    b.header("Content-Type", type);
                }
            } else { // reads with odd Accept headers: must still answer errors as problem+json
                Endpoint e = pick(r, new Endpoint[] {Endpoint.GET, Endpoint.TEXT, Endpoint.LIST, Endpoint.COMMAND});
                b.category = "accept-odd";
                b.method = "GET";
                b.target = e == Endpoint.TEXT && r.nextBoolean() ? realTarget(e) // SCANNED: no text yet
                        : foreignTarget(r, e);
                b.header("Accept", pick(r, ACCEPTS));
            }
        }

        /** Garbage multipart on the upload endpoint; every file in it is refused by content. */
        private void multipart(Random r, B b) {
            b.category = "multipart";
            b.method = "POST";
            b.target = uploadTarget(r);
            String boundary = "----fuzz" + Long.toHexString(r.nextLong());
            String type = "multipart/form-data; boundary=" + boundary;
            byte[] body;
            switch (r.nextInt(12)) {
                case 0 -> body = multipartBody(boundary, List.of(filePart(r, pick(r, new String[] {"document",
                        "File", "FILE", "files", "file[]", "file0", "", "upload", "data", "fil e", "file\\\"", " file",
                        "ｆile"}), invalidFile(r))), true);
                case 1 -> body = multipartBody(boundary, List.of(filePart(r, "file", new byte[0])), true);
                case 2, 3 -> body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                case 4 -> { // the body uses another boundary than the header
                    body = multipartBody("other" + boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                }
                case 5 -> { // no boundary, an empty one, an overlong one, a quoted mess
                    body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                    type = pick(r, new String[] {"multipart/form-data", "multipart/form-data; boundary=",
                            "multipart/form-data; boundary=\"" + boundary, "multipart/form-data; boundary="
                                    + "b".repeat(300), "multipart/form-data; boundary=" + boundary + "; boundary=x",
                            "multipart/form-data;boundary", "MULTIPART/FORM-DATA; BOUNDARY=" + boundary});
                }
                case 6 -> { // truncated: every prefix of a NUL-first file is refused too
                    byte[] nulFirst = requireRejected(concat(new byte[] {0}, invalidFile(r)));
                    byte[] whole = multipartBody(boundary, List.of(filePart(r, "file", nulFirst)), true);
                    body = java.util.Arrays.copyOf(whole, r.nextInt(whole.length));
                }
                case 7 -> { // many parts, or the file twice
                    List<Part> parts = new ArrayList<>();
                    int n = r.nextBoolean() ? 2 : 2 + r.nextInt(80);
                    for (int i = 0; i < n; i++) {
                        parts.add(filePart(r, r.nextBoolean() ? "file" : "p" + i, invalidFile(r)));
                    }
                    body = multipartBody(boundary, parts, true);
                }
                case 8 -> { // odd part headers
                    byte[] file = invalidFile(r);
                    String headers = pick(r, new String[] {
                            "Content-Type: application/pdf\r\n",
                            "Content-Disposition: attachment; name=\"file\"; filename=\"a.pdf\"\r\n",
                            "Content-Disposition: form-data; name=file; filename=a.pdf\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%e2%82%ac.pdf\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.pdf\"\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Length: 99999999\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: \u0000\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nX-"
                                    + "h".repeat(20_000) + ": 1\r\n",
                            "Content-Disposition: form-data; name=\"file\"; name=\"file\"; filename=\"a.pdf\"\r\n",
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n",
                            "content-disposition:form-data;name=\"file\";filename=\"a.pdf\"\r\n"});
                    body = multipartBody(boundary, List.of(new Part(headers, file)), true);
                }
                case 9 -> { // a "file" part that is a plain field, or a nested multipart/mixed
                    byte[] nulFirst = requireRejected(concat(new byte[] {0}, invalidFile(r)));
                    Part part = r.nextBoolean()
                            ? new Part("Content-Disposition: form-data; name=\"file\"\r\n", nulFirst)
                            : new Part("Content-Disposition: form-data; name=\"file\"\r\nContent-Type: "
                                    + "multipart/mixed; boundary=inner\r\n", multipartBody("inner",
                                            List.of(filePart(r, "file", invalidFile(r))), true));
                    body = multipartBody(boundary, List.of(part), true);
                }
                case 10 -> { // not multipart/form-data at all
                    body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                    type = pick(r, new String[] {"multipart/mixed; boundary=" + boundary,
                            "multipart/related; boundary=" + boundary, "multipart/byteranges; boundary=" + boundary,
                            "multipart/form-data-x; boundary=" + boundary, "application/x-www-form-urlencoded"});
                }
                default -> { // lying or huge declared lengths (raw), and now and then a real oversized upload
                    byte[] whole = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                    int kind = r.nextInt(40);
                    if (kind == 0) {
                        byte[] big = new byte[20 * 1024 * 1024 + 1 + r.nextInt(1024)]; // all NUL: refused anyway
                        b.body = multipartBody(boundary, List.of(filePart(r, "file", big)), true);
                        b.header("Content-Type", type);
                        b.category = "multipart-oversized";
                        return;
                    }
                    String declared = pick(r, new String[] {"2147483648", "1000000000000", "9223372036854775807",
                            String.valueOf(21 * 1024 * 1024), String.valueOf(whole.length + 1 + r.nextInt(100_000)),
                            String.valueOf(Math.max(0, whole.length - 1 - r.nextInt(Math.max(1, whole.length))))});
                    b.category = "multipart-declared-length";
                    List<String[]> headers = new ArrayList<>();
                    headers.add(new String[] {"Authorization", "Bearer " + token});
                    headers.add(new String[] {"Content-Type", type});
                    b.raw = new Raw(encodeRaw(port, "POST", b.target, headers, whole, declared), true);
                    return;
                }
            }
            b.body = body;
            b.header("Content-Type", type);
        }

        /** Idempotency-Key values outside 1-255 visible ASCII; legal-but-odd ones only on foreign targets. */
        private void idempotencyKeys(Random r, B b) {
            Endpoint e = pick(r, COMMANDS);
            b.method = e.method;
            boolean strict = r.nextInt(3) > 0;
            String[] strictKeys = {"k".repeat(256 + r.nextInt(5_000)), "a b", "a\tb", "clé", "\u00ff\u00fe",
                    "日本語", "a\u0001b", "a\u007fb", "emoji😀", "x".repeat(255) + " y", "a\u0000b", "a\u00a0b"};
            String[] oddKeys = {"", " ", " abc ", "../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "%00",
                    "\"\\'", "k".repeat(255), "!", "--", "NULL", "1;DROP/**/TABLE/**/idempotency_keys", "a,b"};
            b.category = strict ? "idempotency-key-invalid" : "idempotency-key-odd";
            if (e == Endpoint.UPLOAD) {
                b.target = strict ? docs(ownChild.toString()) : uploadTarget(r);
                String boundary = "fuzz" + r.nextInt(1_000_000);
                b.body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else {
                b.target = strict && r.nextBoolean() ? realTarget(e) : foreignTarget(r, e);
                if (e == Endpoint.REVIEW || r.nextBoolean() && e != Endpoint.CONFIRM) {
                    b.json(validBody(r, e));
                }
            }
            String key = strict ? pick(r, strictKeys) : pick(r, oddKeys);
            b.header(r.nextInt(10) == 0 && !strict ? "idempotency-key" : "Idempotency-Key", key);
            if (r.nextInt(8) == 0) {
                b.header("Idempotency-Key", strict ? pick(r, strictKeys) : "second-" + r.nextInt(1000));
            }
        }

        /** Methods an endpoint does not have, on real and foreign targets alike. */
        private void wrongMethods(Random r, B b) {
            Endpoint e = r.nextInt(12) == 0 ? Endpoint.DEV_ACCOUNTS : pick(r, DESIGN);
            b.category = "wrong-method";
            List<String> allowed = switch (e) {
                case UPLOAD, LIST -> List.of("GET", "POST", "HEAD", "OPTIONS");
                case GET, TEXT, COMMAND -> List.of("GET", "HEAD", "OPTIONS");
                case CONFIRM, RESCAN, VALIDATE, DEV_ACCOUNTS -> List.of("POST", "OPTIONS");
                case REVIEW -> List.of("PATCH", "OPTIONS");
            };
            List<String> wrong = new ArrayList<>(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO",
                    "get", "post", "Post", "PROPFIND", "MKCOL", "LOCK", "M-SEARCH", "X".repeat(100)));
            wrong.removeAll(allowed);
            b.method = pick(r, wrong);
            boolean real = e.documentScoped() && r.nextInt(3) == 0;
            b.target = real ? realTarget(e)
                    : e == Endpoint.UPLOAD || e == Endpoint.LIST ? docs(ownChild.toString())
                    : e == Endpoint.DEV_ACCOUNTS ? path(e, null, null, null) : foreignTarget(r, e);
            if (r.nextBoolean() && List.of(BODY).contains(e)) {
                b.json(validBody(r, e));
            }
            if (r.nextInt(15) == 0 && !real) { // OPTIONS answers with Allow: the only 2xx expected
                b.method = "OPTIONS";
                b.may2xx = true;
            }
        }

        /** Well-formed requests with a valid token for documents, children and commands that are not the caller's. */
        private void notTheCallers(Random r, B b) {
            Endpoint e = pick(r, DESIGN);
            b.category = "not-the-callers";
            b.method = e.method;
            b.target = foreignTarget(r, e);
            switch (e) {
                case UPLOAD -> { // a perfectly good PDF, for a child that is not the caller's
                    String boundary = "fuzz" + r.nextInt(1_000_000);
                    byte[] pdf = ("%PDF-1.7\n% " + r.nextLong() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                    b.body = multipartBody(boundary, List.of(filePart(r, "file", pdf)), true);
                    b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                }
                case REVIEW -> b.json(validBody(r, e));
                case RESCAN, VALIDATE -> {
                    if (r.nextBoolean()) {
                        b.json(validBody(r, e));
                    }
                }
                default -> { }
            }
            if (e == Endpoint.UPLOAD && b.target.equals(docs(ownChild.toString()))) {
                throw new IllegalStateException("generator bug: a valid upload to the caller's child");
            }
            if (r.nextInt(4) == 0 && e != Endpoint.LIST && e != Endpoint.GET && e != Endpoint.TEXT
                    && e != Endpoint.COMMAND) {
                b.header("Idempotency-Key", "fuzz-" + b.index);
            }
            if (r.nextInt(10) == 0 && (e == Endpoint.GET || e == Endpoint.TEXT || e == Endpoint.COMMAND)) {
                b.method = "HEAD";
            }
        }

        /** Protocol-level hostility, over a raw socket, against foreign targets. */
        private void protocol(Random r, B b) {
            Endpoint e = pick(r, DESIGN);
            b.category = "protocol";
            b.method = e.method;
            String target = foreignTarget(r, e);
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Authorization", "Bearer " + token});
            byte[] body = null;
            if (List.of(BODY).contains(e)) {
                body = utf8(validBody(r, e));
                headers.add(new String[] {"Content-Type", "application/json"});
            } else if (e == Endpoint.UPLOAD) {
                String boundary = "fuzz" + r.nextInt(1_000_000);
                body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
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
                    if (body == null) {
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
                    body = chunked(body);
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
                    rawBytes = encodeRaw(port, method, target, headers, chunk, null);
                    rawBytes = stripContentLength(rawBytes);
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
                    rawBytes = replaceHost(encodeRaw(port, method, target, headers, body, null), host,
                            r.nextInt(4) == 0);
                }
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
                    byte[] whole = encodeRaw(port, method, target, headers, body, null);
                    int firstLine = indexOf(whole, ascii("\r\n"));
                    rawBytes = concat(latin1OrUtf8(line), java.util.Arrays.copyOfRange(whole, firstLine,
                            whole.length));
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
                rawBytes = encodeRawLines(port, method, target, lines, body, contentLength);
            }
            b.auth = false;
            b.raw = new Raw(rawBytes, closeOutput);
        }

        private static byte[] encodeRawLines(int port, String method, String target, List<String[]> headers,
                byte[] body, String contentLength) {
            List<String[]> normal = new ArrayList<>();
            List<String> bare = new ArrayList<>();
            for (String[] h : headers) {
                if (h.length == 1) {
                    bare.add(h[0]);
                } else {
                    normal.add(h);
                }
            }
            byte[] bytes = encodeRaw(port, method, target, normal, body, contentLength);
            if (bare.isEmpty()) {
                return bytes;
            }
            int firstLine = indexOf(bytes, ascii("\r\n")) + 2;
            return concat(java.util.Arrays.copyOfRange(bytes, 0, firstLine),
                    latin1OrUtf8(String.join("\r\n", bare) + "\r\n"),
                    java.util.Arrays.copyOfRange(bytes, firstLine, bytes.length));
        }

        private static byte[] replaceHost(byte[] request, String host, boolean twice) {
            String text = new String(request, StandardCharsets.ISO_8859_1);
            int start = text.indexOf("\r\nHost: ") + 2;
            int end = text.indexOf("\r\n", start);
            if (twice) { // the original Host and another one
                return latin1OrUtf8(text.substring(0, end) + "\r\nHost: " + host + text.substring(end));
            }
            if (host.isEmpty()) { // no Host at all
                return latin1OrUtf8(text.substring(0, start) + text.substring(end + 2));
            }
            return latin1OrUtf8(text.substring(0, start) + "Host: " + host + text.substring(end));
        }

        private static byte[] stripContentLength(byte[] request) {
            String text = new String(request, StandardCharsets.ISO_8859_1);
            return text.replaceFirst("\r\nContent-Length: [^\r]*", "").getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] chunked(byte[] body) {
            return concat(ascii(Integer.toHexString(body.length) + "\r\n"), body, ascii("\r\n0\r\n\r\n"));
        }

        private static String insertAt(Random r, String target, String junk) {
            int at = 1 + r.nextInt(target.length() - 1);
            return target.substring(0, at) + junk + target.substring(at);
        }

        /** Forged, truncated and mis-schemed bearer tokens. */
        private void tokens(Random r, B b) {
            Endpoint e = pick(r, DESIGN);
            b.category = "token-mangled";
            b.method = e.method;
            boolean real = e.documentScoped() && r.nextBoolean();
            b.target = real ? realTarget(e) : foreignTarget(r, e);
            String[] parts = token.split("\\.");
            String authorization = switch (r.nextInt(real ? 8 : 11)) {
                case 0 -> "Bearer " + token.substring(0, token.length() - 1 - r.nextInt(10));
                case 1 -> "Bearer " + parts[0] + "." + parts[1].substring(0, 5) + "A" + parts[1].substring(5) + "."
                        + parts[2];
                case 2 -> "Bearer " + parts[1] + "." + parts[0] + "." + parts[2];
                case 3 -> "Bearer  " + token;
                case 4 -> "Basic " + Base64.getEncoder().encodeToString(utf8("user:" + token));
                case 5 -> "Bearer " + token.replace('.', ',');
                case 6 -> "Token " + token;
                case 7 -> "Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        utf8("{\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"docpipe\",\"exp\":9999999999}")) + "."
                        + parts[2];
                case 8 -> "bearer " + token;
                case 9 -> "Bearer " + token + " " + token;
                default -> "Bearer " + HexFormat.of().formatHex(utf8(token));
            };
            b.auth = false;
            b.header("Authorization", authorization);
            if (e == Endpoint.UPLOAD) {
                String boundary = "fuzz" + r.nextInt(1_000_000);
                b.body = multipartBody(boundary, List.of(filePart(r, "file", invalidFile(r))), true);
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else if (e == Endpoint.REVIEW) {
                b.json(validBody(r, e));
            }
        }

        // ---- bytes

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] bytes, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
