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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The crash variant: fresh scanned documents, each confirmed by {@code confirms} clients one after the other in
 * the queue (so concurrent clients hit the same document), while the serving process is killed with
 * {@code kill -9} once a third of the requests were answered and restarted at once. A client whose connection
 * dies sends the same request again until it gets an answer, as a mobile app retries. Then every OCR job on
 * the side's topic is counted (read_committed): a duplicate is a document's job beyond its first, a loss a
 * document whose confirm was answered 200 or 202 and that has no job.
 *
 * <p>Bounded: a restart that does not serve within {@code restartTimeout} ends the run with an
 * {@link IllegalStateException} naming the side and the cause (the clients stop re-sending at once), and once
 * the server is back a request that still fails for {@link #GIVE_UP_AFTER_RESTART} counts as unanswered.
 */
final class CrashRun {
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** A request failing this long while the server is up is unanswered (status -1), not retried forever. */
    static final Duration GIVE_UP_AFTER_RESTART = Duration.ofSeconds(30);
    private static final Duration JOBS_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param errors requests sent again because the connection died or the answer was a 5xx
     * @param downSeconds from the kill until the restarted process served again
     * @param unanswered requests given up on ({@link #GIVE_UP_AFTER_RESTART}), also under status -1
     */
    record Result(long requests, double seconds, Latencies latencies, Map<Integer, Long> statuses, long errors,
            double downSeconds, long jobs, long duplicates, long lost, long unanswered) {}

    /** Where the killed server is, as the clients need to know it to decide whether to send again. */
    private enum Server { UP, RESTARTING, BACK, NOT_BACK }

    /** Thrown in a client when the restart failed: re-sending cannot help any more. */
    private static final class ServerNotBack extends RuntimeException {
        ServerNotBack() {
            super(null, null, false, false);
        }
    }

    private CrashRun() {}

    static Result run(String bootstrap, Side side, int documents, int confirms, int clients, Duration restartTimeout)
            throws Exception {
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
        AtomicReference<Server> server = new AtomicReference<>(Server.UP);
        Latencies all = new Latencies();
        double[] down = new double[1];
        try (JobTally tally = new JobTally(bootstrap, side.jobTopic(), ids)) {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            Future<?> killer = pool.submit(() -> {
                while (answered.get() < queue.size() / 3) {
                    Thread.sleep(5);
                }
                server.set(Server.RESTARTING); // before the kill: the requests it breaks are sent again
                long killed = System.nanoTime();
                try {
                    side.kill9();
                    side.restart(restartTimeout);
                } catch (Exception | Error e) {
                    server.set(Server.NOT_BACK);
                    throw e;
                }
                down[0] = (System.nanoTime() - killed) / 1e9;
                server.set(Server.BACK);
                return null;
            });
            try {
                List<Future<Latencies>> perClient = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    perClient.add(pool.submit(() -> {
                        Latencies latencies = new Latencies();
                        try (KeepAliveClient client = new KeepAliveClient(side.port(), side.token())) {
                            for (int i = next.getAndIncrement(); i < queue.size(); i = next.getAndIncrement()) {
                                String path = queue.get(i);
                                long t0 = System.nanoTime();
                                int status = sendUntilAnswered(client, path, server, errors);
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
            } catch (ExecutionException e) {
                if (server.get() == Server.NOT_BACK) {
                    throw notBack(side, restartTimeout, killer);
                }
                throw new IllegalStateException(side.name() + ": the crash variant failed", e.getCause());
            } finally {
                pool.shutdownNow(); // the killer still waiting when a client failed
                pool.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            tally.await(JOBS_TIMEOUT, Duration.ofSeconds(2));
            long lost = acknowledged.stream().filter(id -> !tally.firstSeenNanos().containsKey(id)).count();
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((k, v) -> counts.put(k, v.get()));
            return new Result(queue.size(), seconds, all, counts, errors.get(), down[0], tally.records(),
                    tally.duplicates(), lost, counts.getOrDefault(-1, 0L));
        }
    }

    private static IllegalStateException notBack(Side side, Duration restartTimeout, Future<?> killer)
            throws InterruptedException {
        Throwable cause;
        try {
            killer.get();
            cause = null;
        } catch (ExecutionException e) {
            cause = e.getCause();
        }
        return new IllegalStateException(side.name() + ": the server did not come back from kill -9 (restart allowed "
                + restartTimeout.toSeconds() + " s): " + (cause == null ? "unknown cause" : cause.getMessage()), cause);
    }

    /**
     * The same request until an answer other than a 5xx comes, as a client retries: while the server restarts
     * for as long as the restart may take, once it is back for {@link #GIVE_UP_AFTER_RESTART} more (then -1).
     */
    private static int sendUntilAnswered(KeepAliveClient client, String path, AtomicReference<Server> server,
            AtomicLong errors) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER_RESTART.toNanos();
        while (true) {
            try {
                int status = client.post(path + "/confirm-scan");
                if (status < 500) {
                    return status;
                }
            } catch (UncheckedIOException e) {
                // the process died under the request: the client reconnects and sends it again
            }
            errors.incrementAndGet();
            switch (server.get()) {
                case NOT_BACK -> throw new ServerNotBack();
                case RESTARTING -> deadline = System.nanoTime() + GIVE_UP_AFTER_RESTART.toNanos();
                case UP, BACK -> {
                    if (System.nanoTime() > deadline) {
                        return -1;
                    }
                }
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
    }
}
