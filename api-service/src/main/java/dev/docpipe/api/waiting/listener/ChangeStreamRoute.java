package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.changes.ChangeStreams;
import dev.docpipe.api.changes.DocumentChangesController;
import dev.docpipe.api.waiting.ChangeSubscribers;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET of a child's change stream, as the main port answers it (DocumentChangesController): the same checks, then
 * the same ChangeStreams (its reads, wake-ups, heartbeats, gauge and shutdown) writing into an
 * {@link EventLoopChangeSink}. The stream ends after the same maximum age, on the shared timer.
 */
final class ChangeStreamRoute {
    private final BearerCallers callers;
    private final Ownership ownership;
    private final ChangeStreams streams;
    private final OffLoop offLoop;
    private final Answers answers;
    private final JsonMapper json;
    private final Scheduler timer;
    private final Duration maxAge;

    ChangeStreamRoute(BearerCallers callers, Ownership ownership, ChangeStreams streams, OffLoop offLoop,
            Answers answers, JsonMapper json, Scheduler timer, Duration maxAge) {
        this.callers = callers;
        this.ownership = ownership;
        this.streams = streams;
        this.offLoop = offLoop;
        this.answers = answers;
        this.json = json;
        this.timer = timer;
        this.maxAge = maxAge;
    }

    Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, WaitPath.Changes path,
            String uriPath) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        String lastEventId = request.requestHeaders().get(DocumentChangesController.LAST_EVENT_ID);
        EventLoopChangeSink sink = new EventLoopChangeSink(json);
        AtomicReference<ChangeSubscribers.Subscription> opened = new AtomicReference<>();
        return offLoop.call(() -> {
                    Caller caller = callers.authenticate(authorization);
                    UUID childId = WaitPath.id("childId", path.childId());
                    Long after = DocumentChangesController.lastEventId(lastEventId);
                    ownership.requireChild(caller, childId);
                    ChangeSubscribers.Subscription stream = streams.open(childId, after, sink);
                    opened.set(stream);
                    return stream;
                })
                .flatMap(stream -> stream(response, sink, stream))
                // a client gone while the stream was being opened: its response never subscribes to the lines
                .doOnCancel(() -> {
                    ChangeSubscribers.Subscription stream = opened.get();
                    if (stream != null) {
                        stream.close();
                    }
                })
                .onErrorResume(failure -> response.hasSentHeaders() ? Mono.error(failure)
                        : answers.write(response, answers.failure(failure, uriPath)));
    }

    private Mono<Void> stream(HttpServerResponse response, EventLoopChangeSink sink,
            ChangeSubscribers.Subscription stream) {
        Flux<String> lines = sink.lines().take(maxAge, timer).doFinally(signal -> stream.close());
        response.status(200).header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        Answers.secure(response);
        return response.sendString(lines).then();
    }
}
