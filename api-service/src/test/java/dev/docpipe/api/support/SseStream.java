package dev.docpipe.api.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A server-sent event stream read the way an EventSource does (id/data lines, comments, blank line ends an event). */
public final class SseStream implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event; {@code comment} is set for a comment line (a heartbeat) instead. */
    public record Event(String id, String data, String comment) {
        public JsonNode json() {
            return JSON.readTree(data);
        }

        public boolean isComment() {
            return comment != null;
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, data.toString(), null));
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** The next event (comments skipped), or null if none arrives within {@code within}. */
    public Event next(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || !e.isComment()) {
                return e;
            }
        }
    }

    /** The next {@code n} events, failing if they do not arrive within {@code within}. */
    public List<Event> next(int n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Event> got = new ArrayList<>();
        while (got.size() < n) {
            Event e = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (e == null) {
                throw new AssertionError("expected " + n + " events within " + within + ", got " + got);
            }
            got.add(e);
        }
        return got;
    }

    /** The next comment line, or null if none arrives within {@code within}. */
    public String nextComment(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || e.isComment()) {
                return e == null ? null : e.comment();
            }
        }
    }

    /** Whether the server ended the stream within {@code within}. */
    public boolean awaitEnd(Duration within) throws InterruptedException {
        return reader.join(within);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
