package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.changes.ChangeEvent;
import dev.docpipe.api.changes.ChangeSink;
import java.io.IOException;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.json.JsonMapper;

/**
 * A change stream's lines as the event loop's response body: the same server-sent event lines as Spring's
 * SseEmitter writes on the main port ({@code retry:}, {@code :comment}, {@code id:} and {@code data:} with the
 * event's JSON). Lines sent before the response subscribes wait in a small queue; a send after the client left
 * throws, which ends the stream.
 */
final class EventLoopChangeSink implements ChangeSink {
    /** Grows as needed; a stream usually holds nothing between two sends. */
    private static final int QUEUE_LINK = 8;

    private final JsonMapper json;
    private final Sinks.Many<String> lines = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<String>unbounded(QUEUE_LINK).get());

    EventLoopChangeSink(JsonMapper json) {
        this.json = json;
    }

    Flux<String> lines() {
        return lines.asFlux();
    }

    @Override
    public void open(Duration reconnect, String comment) throws IOException {
        emit("retry:" + reconnect.toMillis() + "\n:" + comment + "\n\n");
    }

    @Override
    public void send(ChangeEvent event) throws IOException {
        emit("id:" + event.position() + "\ndata:" + json.writeValueAsString(event) + "\n\n");
    }

    @Override
    public void comment(String comment) throws IOException {
        emit(":" + comment + "\n\n");
    }

    @Override
    public synchronized void complete() {
        lines.tryEmitComplete();
    }

    private synchronized void emit(String text) throws IOException {
        Sinks.EmitResult result = lines.tryEmitNext(text);
        if (result.isFailure()) {
            throw new IOException("the change stream's client is gone (" + result + ")");
        }
    }
}
