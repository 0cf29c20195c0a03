package dev.docpipe.bench.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few setup calls of a benchmark (upload, read, first confirm), with the JDK's client: not measured. */
public final class ApiSetup implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOUNDARY = "docpipe-bench-boundary";
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public ApiSetup(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** POST multipart part {@code file}; returns the new document's id. */
    public String upload(UUID child, byte[] content) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = http.send(request("/api/v1/children/" + child + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("upload: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("documentId").asString();
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public void awaitState(String path, String state, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode view = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            if (view != null && view.path("state").asString().equals(state)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " not " + state + " within " + timeout + ": "
                        + r.statusCode() + " " + r.body());
            }
            Thread.sleep(50);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        http.close();
    }
}
