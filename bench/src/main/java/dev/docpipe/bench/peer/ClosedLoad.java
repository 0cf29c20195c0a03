package dev.docpipe.bench.peer;

import dev.docpipe.bench.http.KeepAliveClient;
import dev.docpipe.bench.infra.Latencies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop confirm-scan load: each client holds one keep-alive connection ({@link KeepAliveClient}) and
 * sends its next request, on a document picked at random, as soon as it has the last answer.
 */
final class ClosedLoad {
    /** Requests, their latencies, the wall time and the answers by HTTP status (-1: no answer). */
    record Result(Latencies latencies, double seconds, Map<Integer, Long> statuses) {
        double perSecond() {
            return latencies.count() / seconds;
        }
    }

    private ClosedLoad() {}

    static Result run(Side side, List<String> documents, int clients, Duration length) throws Exception {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Latencies>> perClient = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                perClient.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    try (KeepAliveClient client = new KeepAliveClient(side.port(), side.token())) {
                        while (System.nanoTime() < end) {
                            String document = documents.get(ThreadLocalRandom.current().nextInt(documents.size()));
                            long t0 = System.nanoTime();
                            int status = client.post(document + "/confirm-scan");
                            latencies.record(System.nanoTime() - t0);
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    return latencies;
                }));
            }
            for (Future<Latencies> f : perClient) {
                all.add(f.get());
            }
        }
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Result(all, (System.nanoTime() - start) / 1e9, counts);
    }
}
