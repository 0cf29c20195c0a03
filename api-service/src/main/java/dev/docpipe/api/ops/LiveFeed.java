package dev.docpipe.api.ops;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live view's server-sent events: every {@code docpipe.ops.live-interval} one {@code sample} event
 * ({@link LiveSample}) to every subscriber. {@link PipelineActivity} counts only while someone subscribes.
 */
@Component
public class LiveFeed implements DisposableBean {
    private static final Duration STREAM_MAX_AGE = Duration.ofMinutes(30);

    private final PipelineActivity activity;
    private final PipelineGauges gauges;
    private final PipelineOffsets offsets;
    private final OpsProperties properties;
    private final Set<SseEmitter> subscribers = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("docpipe-ops-live").daemon().factory());
    private PipelineActivity.Totals previous;
    private long previousNanos;

    public LiveFeed(PipelineActivity activity, PipelineGauges gauges, PipelineOffsets offsets,
            OpsProperties properties) {
        this.activity = activity;
        this.gauges = gauges;
        this.offsets = offsets;
        this.properties = properties;
        long every = properties.liveInterval().toMillis();
        ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new stream (the client reconnects after {@link #STREAM_MAX_AGE}). */
    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_MAX_AGE.toMillis());
        emitter.onCompletion(() -> unsubscribe(emitter));
        emitter.onTimeout(() -> unsubscribe(emitter));
        emitter.onError(e -> unsubscribe(emitter));
        synchronized (this) {
            subscribers.add(emitter);
            activity.start();
        }
        return emitter;
    }

    private synchronized void unsubscribe(SseEmitter emitter) {
        subscribers.remove(emitter);
        if (subscribers.isEmpty()) {
            activity.stop();
        }
    }

    synchronized void tick() {
        if (subscribers.isEmpty()) {
            previous = null;
            return;
        }
        LiveSample sample = sample();
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event().name("sample").data(sample, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(emitter);
            }
        }
        if (subscribers.isEmpty()) {
            activity.stop();
        }
    }

    private LiveSample sample() {
        PipelineActivity.Totals now = activity.totals();
        long nanos = System.nanoTime();
        double seconds = previous == null ? 0 : Math.max(1e-3, (nanos - previousNanos) / 1e9);
        PipelineActivity.Totals before = previous == null ? now : previous;
        previous = now;
        previousNanos = nanos;
        return new LiveSample(Instant.now(), rate(now.commands() - before.commands(), seconds),
                rate(now.duplicates() - before.duplicates(), seconds), rate(now.jobs() - before.jobs(), seconds),
                now.commands(), now.duplicates(), now.jobs(), lag(), gauges.dlqRecords(), gauges.stuckDocuments());
    }

    private static double rate(long delta, double seconds) {
        return seconds == 0 ? 0 : delta / seconds;
    }

    private Long lag() {
        try {
            return offsets.pipelineLag();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        subscribers.forEach(SseEmitter::complete);
        activity.stop();
    }
}
