package dev.docpipe.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends requests 0..n-1 from a fixed number of concurrent callers, recording every outcome. */
public final class FuzzRunner {
    private FuzzRunner() {}

    /** @return the wall-clock seconds the run took */
    public static double run(FuzzGenerator generator, FuzzSender sender, FuzzReport report, int requests,
            int concurrency) throws Exception {
        // callers take the next index rather than a fixed slice: a slow request does not idle the others
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                callers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        FuzzRequest req = generator.generate(i);
                        report.record(req, sender.send(req));
                    }
                    return null;
                }));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
