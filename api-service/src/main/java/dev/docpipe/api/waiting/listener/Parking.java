package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.waiting.ChangeSubscribers;
import dev.docpipe.api.waiting.ParkedRequests;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * A parked request as a Mono: no thread and no timer of its own. It completes with what the existing wake-up path
 * hands it (DocumentWatches, CommandWaits), or empty when its wait ends: on the one shared timer, or at once when the
 * instance stops (ParkedRequests). Cancelled when the client goes; every way out closes its subscriptions.
 */
final class Parking {
    private final ParkedRequests parked;
    private final Scheduler timer;

    Parking(ParkedRequests parked, Scheduler timer) {
        this.parked = parked;
        this.timer = timer;
    }

    /** {@code wakeUps} subscribes the sink to the wake-up path; the Mono is empty if the wait ends first. */
    <T> Mono<T> park(Duration wait, Function<MonoSink<T>, ChangeSubscribers.Subscription> wakeUps) {
        return Mono.<T>create(sink -> {
            ChangeSubscribers.Subscription waking = wakeUps.apply(sink);
            ChangeSubscribers.Subscription parking = parked.park(sink::success);
            sink.onDispose(() -> {
                waking.close();
                parking.close();
            });
        }).timeout(wait, Mono.empty(), timer);
    }
}
