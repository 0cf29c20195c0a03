package dev.docpipe.api.fuzz;

import dev.docpipe.api.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** Sends a {@link FuzzRequest} with {@code java.net.http} where it can, over a raw socket where it cannot. */
public final class FuzzSender {
    private static final int RAW_TIMEOUT_MILLIS = 30_000;

    /** What came back; {@code status} -1 with a {@code failure} when nothing did. */
    public record Outcome(int status, String contentType, byte[] body, String failure) {}

    private final int port;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    public FuzzSender(int port) {
        this.port = port;
    }

    public Outcome send(FuzzRequest req) {
        if (req.raw() != null) {
            return fromRaw(RawHttp.send(port, req.raw().bytes(), req.raw().closeOutput(), RAW_TIMEOUT_MILLIS));
        }
        if (!req.headers().stream().allMatch(h -> visibleAscii(h[1]))) {
            // java.net.http writes header values as US-ASCII ("clé" would arrive as "cl?"): send the bytes raw
            return sendRaw(req);
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
            return sendRaw(req);
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

    private Outcome sendRaw(FuzzRequest req) {
        byte[] bytes = RawRequests.encode(port, req.method(), req.target(), req.headers(), req.body(), null);
        return fromRaw(RawHttp.send(port, bytes, false, RAW_TIMEOUT_MILLIS));
    }

    private static boolean visibleAscii(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7F);
    }

    private static Outcome fromRaw(RawHttp.Response r) {
        return new Outcome(r.status(), r.contentType(), r.body(), r.failure());
    }
}
