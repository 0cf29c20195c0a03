package dev.docpipe.api.support;

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API on loopback: what the mobile app would send, no Spring test magic. */
public final class HttpApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private final String base;
    private final String token;

    public HttpApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public HttpApi as(String otherToken) {
        return new HttpApi(base, otherToken);
    }

    /** The same caller, talking to another server (e.g. the wait listener's port). */
    public HttpApi at(String otherBase) {
        return new HttpApi(otherBase, token);
    }

        public HttpApi anonymous() {
        return new HttpApi(base, null);
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public String code() {
            return json().path("code").asString();
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A GET that may wait (long-poll): completes with the response and the System.nanoTime() it arrived at. */
    public java.util.concurrent.CompletableFuture<Timed> getAsync(String path, String... headers) {
        return CLIENT.sendAsync(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Timed(new Response(r.statusCode(), r.headers(), r.body()), System.nanoTime()));
    }

    /** @param arrivedNanos System.nanoTime() when the whole response had arrived */
    public record Timed(Response response, long arrivedNanos) {}

    /** Opens a server-sent event stream (GET with Accept: text/event-stream). */
    public SseStream openStream(String path, String... headers) {
        HttpRequest request = request(path, headers).header("Accept", "text/event-stream").GET()
                .timeout(Duration.ofMinutes(5)).build();
        try {
            return new SseStream(CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String jsonBody, String... headers) {
        HttpRequest.Builder r = request(path, headers);
        if (jsonBody == null) {
            return send(r.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(r.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Response delete(String path, String... headers) {
        return method("DELETE", path, null, null, headers);
    }

    public Response patch(String path, String jsonBody, String... headers) {
        return method("PATCH", path, "application/json", jsonBody.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Response method(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder r = request(path, headers);
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** multipart/form-data with one part (name, file name, the client's claimed content type). */
    public Response upload(String path, String partName, String fileName, String claimedType, byte[] content,
            String... headers) {
        String boundary = "----docpipe" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(("Content-Disposition: form-data; name=\"" + partName + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(("Content-Type: " + claimedType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return method("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
    }

    public Response uploadFile(UUID childId, String fileName, byte[] content, String... headers) {
        return upload("/api/v1/children/" + childId + "/documents", "file", fileName, "application/octet-stream",
                content, headers);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        List<String> h = new ArrayList<>(List.of(headers));
        for (int i = 0; i + 1 < h.size(); i += 2) {
            r.header(h.get(i), h.get(i + 1));
        }
        return r;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
