package dev.docpipe.blob;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of S3 for one bucket, which answers {@code 503 SlowDown} to the next requests of a
 * method as told: what a busy S3 does. S3Proxy cannot be made to throttle, hence this stand-in; it
 * logs every request so a test can see each attempt and what it sent.
 */
final class ThrottlingS3Server implements AutoCloseable {
    /** @param checksum the {@code x-amz-checksum-sha256} header, if any */
    record Request(String method, String path, int status, int bodyBytes, String checksum) {}

    private static final byte[] SLOW_DOWN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"""
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ThrottlingS3Server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests with this method are throttled. */
    void throttle(String method, int times) {
        throttles.computeIfAbsent(method, m -> new AtomicInteger()).set(times);
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentSha256 = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
            if (contentSha256 != null && contentSha256.startsWith("STREAMING-")) {
                body = decodeAwsChunked(body);
            }
            AtomicInteger throttle = throttles.get(method);
            if (throttle != null && throttle.getAndDecrement() > 0) {
                respond(exchange, method, path, 503, SLOW_DOWN, body.length);
                return;
            }
            boolean isBucket = path.chars().filter(c -> c == '/').count() == 1;
            switch (method) {
                case "HEAD" -> respond(exchange, method, path, isBucket || objects.containsKey(path) ? 200 : 404, null,
                        body.length);
                case "PUT" -> {
                    objects.put(path, body);
                    exchange.getResponseHeaders().add("ETag", "\"etag\"");
                    respond(exchange, method, path, 200, new byte[0], body.length);
                }
                case "GET" -> {
                    byte[] object = objects.get(path);
                    respond(exchange, method, path, object == null ? 404 : 200, object == null ? new byte[0] : object,
                            body.length);
                }
                default -> respond(exchange, method, path, 405, new byte[0], body.length);
            }
        }
    }

    private void respond(HttpExchange exchange, String method, String path, int status, byte[] body, int received)
            throws IOException {
        requests.add(new Request(method, path, status, received,
                exchange.getRequestHeaders().getFirst("x-amz-checksum-sha256")));
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** {@code <hex size>;chunk-signature=<sig>\r\n<bytes>\r\n}, ..., ending with a chunk of size 0. */
    private static byte[] decodeAwsChunked(byte[] framed) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(framed, at);
            String header = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0], 16);
            if (size == 0) {
                return data.toByteArray();
            }
            data.write(framed, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("not aws-chunked");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
