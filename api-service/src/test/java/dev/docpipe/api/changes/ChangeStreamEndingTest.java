package dev.docpipe.api.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.waiting.ChangeSubscribers;
import dev.docpipe.api.waiting.ParkedRequests;
import dev.docpipe.api.waiting.WaitExecutor;
import dev.docpipe.api.waiting.WaitProperties;
import dev.docpipe.readmodel.DocumentChangeLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How a change stream ends when its changes cannot be read: over a real PostgreSQL driver pointed at a port nothing
 * listens on, so every read fails as against a database that is down.
 */
class ChangeStreamEndingTest {
    private final DocumentChangeLog unreachable = DocumentChangeLog.over(
            new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/docpipe?connectTimeout=1", "docpipe", "x"));
    private final WaitExecutor executor = new WaitExecutor();
    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final ChangeSubscribers subscribers = new ChangeSubscribers(metrics);

    @AfterEach
    void stop() {
        executor.destroy();
    }

    @Test
    void aStreamWhoseReadFailsEndsCleanlyAndReleasesWhatItHolds() {
        SseEmitter emitter = new SseEmitter();
        AtomicInteger released = new AtomicInteger();
        ChangeStream stream = new ChangeStream(UUID.randomUUID(), 0, new SseEmitterSink(emitter), unreachable, executor,
                released::incrementAndGet);

        stream.wake(); // before Spring MVC took the emitter over, as the first read of every stream is

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(released).hasValue(1));
        // completed, but not with the error: the error would be sent to the error handlers, whose problem+json
        // cannot be written into a response already committed as text/event-stream
        assertThatThrownBy(() -> emitter.send(SseEmitter.event().comment("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already completed")
                .hasMessageNotContaining("with error");
        stream.heartbeat();
        stream.closed(); // the emitter's own completion callback, should it come too
        assertThat(released).hasValue(1);
    }

    @Test
    void aStreamThatCannotReadItsStartIsRefusedBeforeItOpensAndLeavesNoSubscription() {
        ChangeStreams streams = new ChangeStreams(unreachable, subscribers, executor, new ParkedRequests(),
                new WaitProperties(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMinutes(30)), metrics);

        assertThatThrownBy(() -> streams.open(UUID.randomUUID(), null)).isInstanceOf(DataAccessException.class);

        assertThat(streams.openCount()).isZero();
        assertThat(metrics.get("docpipe.api.waiting.subscribers").tag("on", "child").gauge().value()).isZero();
    }
}
