package dev.docpipe.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * A finished response as bytes: what a command endpoint answers, and exactly what an Idempotency-Key
 * replay answers again.
 *
 * @param headers response headers by name (Content-Type included)
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public HttpReply {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ResponseEntity<byte[]> toResponse() {
        return toResponse(false);
    }

    public ResponseEntity<byte[]> toResponse(boolean replayed) {
        HttpHeaders out = new HttpHeaders();
        headers.forEach(out::set);
        if (replayed) {
            out.set(REPLAYED_HEADER, "true");
        }
        return ResponseEntity.status(HttpStatusCode.valueOf(status)).headers(out).body(body);
    }
}
