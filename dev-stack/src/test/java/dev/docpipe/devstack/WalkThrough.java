package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's walk-through over HTTP, with every status checked: dev account, upload, SCANNED,
 * confirm-scan (202, then 200 when repeated), EXTRACTED, the text, review edit, validate (each naming
 * the review version of the document view last read). A command
 * whose outcome takes longer than the API waits answers 202 PENDING; it is then followed through
 * GET /commands/{id} and its outcome checked instead.
 */
final class WalkThrough {
    private static final Duration STATE_TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String apiBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    WalkThrough(String apiBase) {
        this.apiBase = apiBase;
    }

    /** Runs it all; returns the validated document's id. */
    UUID run(byte[] pdf, String expectedText) {
        DevAccount account = DevAccount.create(apiBase);
        token = account.token();
        String docs = "/api/v1/children/" + account.childId() + "/documents";

        HttpResponse<String> upload = send(multipart(docs, "report-card.pdf", pdf));
        assertThat(upload.statusCode()).as("upload: %s", upload.body()).isEqualTo(202);
        String doc = docs + "/" + json(upload).path("documentId").asString();

        awaitState(doc, "SCANNED");
        expectOutcome(post(doc + "/confirm-scan", null), 202, "ACCEPTED");
        expectOutcome(post(doc + "/confirm-scan", null), 200, "ALREADY_DONE");
        JsonNode extracted = awaitState(doc, "EXTRACTED");

        HttpResponse<String> text = send(request(doc + "/text").GET());
        assertThat(text.statusCode()).as("text: %s", text.body()).isEqualTo(200);
        assertThat(text.body()).contains(expectedText);

        // commands name the review version of the document view the client last read
        long seen = extracted.path("reviewVersion").asLong();
        expectOutcome(send(request(doc + "/review").header("Content-Type", "application/json").method("PATCH",
                BodyPublishers.ofString("{\"expectedReviewVersion\":" + seen
                        + ",\"patch\":{\"title\":\"Report card\",\"tags\":[\"school\"]}}"))),
                200, "ACCEPTED");
        JsonNode reviewed = json(send(request(doc).GET()));
        expectOutcome(post(doc + "/validate", "{\"expectedReviewVersion\":" + reviewed.path("reviewVersion").asLong() + "}"),
                200, "ACCEPTED");
        JsonNode validated = awaitState(doc, "VALIDATED");
        assertThat(validated.path("review").path("title").asString()).isEqualTo("Report card");
        return UUID.fromString(validated.path("documentId").asString());
    }

    private void expectOutcome(HttpResponse<String> response, int expectedHttp, String expectedStatus) {
        JsonNode body = json(response);
        if (response.statusCode() == 202 && "PENDING".equals(body.path("status").asString())) {
            String location = response.headers().firstValue("Location").orElseThrow();
            body = poll(location, STATE_TIMEOUT, r -> r.statusCode() == 200);
        } else {
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(),
                    response.body()).isEqualTo(expectedHttp);
        }
        assertThat(body.path("status").asString()).as("outcome of %s", response.uri()).isEqualTo(expectedStatus);
    }

    private JsonNode awaitState(String doc, String state) {
        return poll(doc, STATE_TIMEOUT, r -> r.statusCode() == 200 && state.equals(json(r).path("state").asString()));
    }

    private JsonNode poll(String path, Duration timeout, Predicate<HttpResponse<String>> done) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                last.set(send(request(path).GET()));
                return done.test(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET " + path + " not done after " + timeout + "; last answer "
                    + (last.get() == null ? "none" : last.get().statusCode() + ": " + last.get().body()), e);
        }
        return json(last.get());
    }

    private HttpResponse<String> post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            return send(request.POST(BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder multipart(String path, String fileName, byte[] content) {
        String boundary = "docpipe-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
