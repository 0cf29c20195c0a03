package dev.docpipe.bench.http;

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
 * Closed-loop load on one server: each client holds one keep-alive connection ({@link KeepAliveClient}) and
 * sends its next request, on a path picked at random, as soon as it has the last answer.
 */
public final class ClosedLoop {
    /** One request on a client's connection; returns the HTTP status. */
    public interface Request {
        int send(KeepAliveClient client, String path);
    }

    /** Requests, their latencies, the wall time and the answers by HTTP status. */
    public record Result(Latencies latencies, double seconds, Map<Integer, Long> statuses) {
        public double perSecond() {
            return latencies.count() / seconds;
        }
    }

    private ClosedLoop() {}

    public static Result run(int port, String token, List<String> paths, int clients, Duration length, Request request)
            throws Exception {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Latencies>> perClient = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                perClient.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    try (KeepAliveClient client = new KeepAliveClient(port, token)) {
                        while (System.nanoTime() < end) {
                            String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                            long t0 = System.nanoTime();
                            int status = request.send(client, path);
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
