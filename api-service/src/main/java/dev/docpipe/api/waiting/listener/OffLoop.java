package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.waiting.WaitExecutor;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a request's blocking part (token check, ownership, the first read) off the event loop: on the wait executor,
 * in one of its query slots, as a woken waiter's read runs, so a burst of connecting clients queues there instead
 * of failing on the pool's connection timeout.
 */
final class OffLoop {
    private final WaitExecutor executor;
    private final Scheduler scheduler;

    OffLoop(WaitExecutor executor) {
        this.executor = executor;
        this.scheduler = Schedulers.fromExecutor(executor);
    }

    <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(() -> executor.query(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).subscribeOn(scheduler);
    }
}
