package dev.docpipe.api.changes;

import dev.docpipe.api.waiting.ChangeSubscribers;
import dev.docpipe.api.waiting.ParkedRequests;
import dev.docpipe.api.waiting.WaitExecutor;
import dev.docpipe.api.waiting.WaitProperties;
import dev.docpipe.readmodel.DocumentChangeLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The open change streams of this instance: opens them, wakes them on their child's changes, keeps them alive. */
@Component
public class ChangeStreams {
    /** Tells the client how long to wait before reconnecting after the stream ends. */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final DocumentChangeLog changeLog;
    private final ChangeSubscribers subscribers;
    private final WaitExecutor executor;
    private final ParkedRequests parked;
    private final Duration maxAge;
    private final Set<ChangeStream> open = ConcurrentHashMap.newKeySet();

    public ChangeStreams(DocumentChangeLog changeLog, ChangeSubscribers subscribers, WaitExecutor executor,
            ParkedRequests parked, WaitProperties properties, MeterRegistry metrics) {
        this.changeLog = changeLog;
        this.subscribers = subscribers;
        this.executor = executor;
        this.parked = parked;
        this.maxAge = properties.streamMaxAge();
        Gauge.builder("docpipe.api.change.streams", open, Set::size)
                .description("open change streams (server-sent events) on this instance").register(metrics);
    }

    /**
     * A stream of the child's changes after {@code lastEventId}, or, without one, of the changes from now on.
     */
    public SseEmitter open(UUID childId, Long lastEventId) throws IOException {
        SseEmitter emitter = new SseEmitter(maxAge.toMillis());
        ChangeSubscribers.Subscription stream = open(childId, lastEventId, new SseEmitterSink(emitter));
        emitter.onCompletion(stream::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> stream.close());
        return emitter;
    }

    /**
     * Streams the child's changes after {@code lastEventId} (without one, from now on) into {@code sink}, until the
     * returned subscription is closed (the sink's owner closes it when the stream ends, however it ends). Subscribed
     * before the start position is read, so no change falls between the two. Everything that can refuse the stream
     * (the head's read included) happens here, before the stream opens: a failure is still answered with its status
     * and problem+json, not as an event stream that ends at once. Reads the database: not on an event loop.
     */
    public ChangeSubscribers.Subscription open(UUID childId, Long lastEventId, ChangeSink sink) throws IOException {
        ChangeStream[] holder = new ChangeStream[1];
        ChangeSubscribers.Subscription subscription = subscribers.onChild(childId, notice -> {
            ChangeStream stream = holder[0];
            if (stream != null) {
                stream.wake();
            }
        });
        long head;
        try {
            head = changeLog.head(childId);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        // an id beyond the child's head was not sent by this log: start from the head rather than skip what follows
        long from = lastEventId != null ? Math.min(lastEventId, head) : head;
        ChangeSubscribers.Subscription[] parking = new ChangeSubscribers.Subscription[1];
        ChangeStream stream = new ChangeStream(childId, from, sink, changeLog, executor, () -> {
            subscription.close();
            parking[0].close();
            open.remove(holder[0]);
        });
        holder[0] = stream;
        parking[0] = parked.park(stream::stop);
        open.add(stream);
        try {
            sink.open(RECONNECT, "changes of child " + childId);
        } catch (IOException | RuntimeException e) {
            stream.closed();
            throw e;
        }
        stream.wake();
        return stream::closed;
    }

    @Scheduled(fixedDelayString = "${docpipe.api.waiting.heartbeat:15s}")
    void heartbeats() {
        for (ChangeStream stream : open) {
            executor.execute(stream::heartbeat);
        }
    }

    public int openCount() {
        return open.size();
    }
}
