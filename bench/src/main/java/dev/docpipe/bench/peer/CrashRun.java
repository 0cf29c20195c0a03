package dev.docpipe.bench.peer;

import dev.docpipe.bench.confirm.JobTally;
import dev.docpipe.bench.http.KeepAliveClient;
import dev.docpipe.bench.infra.ApiDocuments;
import dev.docpipe.bench.infra.Latencies;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The crash variant: fresh scanned documents, each confirmed by {@code confirms} clients one after the other in
 * the queue (so concurrent clients hit the same document), while the serving process is killed with
 * {@code kill -9} once a third of the requests were answered and restarted at once. A client whose connection
 * dies sends the same request again until it gets an answer, as a mobile app retries. Then every OCR job on
 * the side's topic is counted (read_committed): a duplicate is a document's job beyond its first, a loss a
 * document whose confirm was answered 200 or 202 and that has no job.
 */
final class CrashRun {
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    /**
     * @param errors requests sent again because the connection died or the answer was a 5xx
     * @param downSeconds from the kill until the restarted process served again
     */
    record Result(long requests, double seconds, Latencies latencies, Map<Integer, Long> statuses, long errors,
            double downSeconds, long jobs, long duplicates, long lost) {}

    private CrashRun() {}

    static Result run(String bootstrap, Side side, int documents, int confirms, int clients) throws Exception {
        List<String> paths = side.scannedDocuments(documents);
        List<String> queue = new ArrayList<>();
        paths.forEach(p -> {
            for (int i = 0; i < confirms; i++) {
                queue.add(p);
            }
        });
        Set<UUID> ids = paths.stream().map(ApiDocuments::idOf).collect(Collectors.toSet());
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Latencies all = new Latencies();
        double[] down = new double[1];
        try (JobTally tally = new JobTally(bootstrap, side.jobTopic(), ids)) {
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> killer = pool.submit(() -> {
                    while (answered.get() < queue.size() / 3) {
                        Thread.sleep(5);
                    }
                    long killed = System.nanoTime();
                    side.kill9();
                    side.restart();
                    down[0] = (System.nanoTime() - killed) / 1e9;
                    return null;
                });
                List<Future<Latencies>> perClient = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    perClient.add(pool.submit(() -> {
                        Latencies latencies = new Latencies();
                        try (KeepAliveClient client = new KeepAliveClient(side.port(), side.token())) {
                            for (int i = next.getAndIncrement(); i < queue.size(); i = next.getAndIncrement()) {
                                String path = queue.get(i);
                                long t0 = System.nanoTime();
                                int status = sendUntilAnswered(client, path, errors);
                                latencies.record(System.nanoTime() - t0); // retries included: the user's wait
                                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                                if (status == 200 || status == 202) {
                                    acknowledged.add(ApiDocuments.idOf(path));
                                }
                                answered.incrementAndGet();
                            }
                        }
                        return latencies;
                    }));
                }
                for (Future<Latencies> f : perClient) {
                    all.add(f.get());
                }
                killer.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            tally.await(Duration.ofSeconds(60), Duration.ofSeconds(2));
            long lost = acknowledged.stream().filter(id -> !tally.firstSeenNanos().containsKey(id)).count();
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((k, v) -> counts.put(k, v.get()));
            return new Result(queue.size(), seconds, all, counts, errors.get(), down[0], tally.records(),
                    tally.duplicates(), lost);
        }
    }

    /** The same request until an answer other than a 5xx comes, as a client retries; -1 if none in time. */
    private static int sendUntilAnswered(KeepAliveClient client, String path, AtomicLong errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = client.post(path + "/confirm-scan");
                if (status < 500) {
                    return status;
                }
            } catch (UncheckedIOException e) {
                // the process died under the request: the client reconnects and sends it again
            }
            errors.incrementAndGet();
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
        return -1;
    }
}
