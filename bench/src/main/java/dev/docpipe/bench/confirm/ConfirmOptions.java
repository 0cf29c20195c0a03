package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Kafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one {@link ConfirmBenchmark} run does ({@link ConfirmCommand} reads it from the command line); printed with the results. */
public record ConfirmOptions(
        int documents,
        int confirmsPerDocument,
        double retryRate,
        List<Integer> clients,
        int warmupDocuments,
        int crashDocuments,
        int crashes,
        List<DocpipeVariant> docpipeVariants,
        int streamThreads,
        int dbPool,
        String synchronousCommit,
        Duration lockTtl,
        List<Duration> lockWaits,
        Duration lockRetry,
        int redisPool,
        int relayBatch,
        Duration relayPoll,
        List<String> approaches,
        List<String> crashApproaches,
        Duration replyTimeout,
        int httpWarmupRequests,
        long seed,
        String report) {

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documents);
        m.put("confirming clients per document", confirmsPerDocument);
        m.put("retry rate (same request id)", retryRate);
        m.put("concurrent clients", clients);
        m.put("warm-up documents", warmupDocuments);
        m.put("crash variant documents / crashes", crashDocuments + " / " + crashes + " (spread evenly over the requests)");
        m.put("docpipe runs (commit.interval.ms + Streams overrides) / stream threads / partitions", docpipeVariants
                .stream().map(DocpipeVariant::label).toList() + " / " + streamThreads
                + " / " + Kafka.PARTITIONS);
        m.put("PostgreSQL pool / synchronous_commit", dbPool + " / " + synchronousCommit);
        m.put("Redis lock ttl / wait / retry / pool", lockTtl.toMillis() + " / " + lockWaits.stream()
                .map(Duration::toMillis).toList() + " / " + lockRetry.toMillis() + " ms / "
                + (redisPool == 0 ? "one connection per client" : redisPool));
        m.put("outbox relay batch / poll", relayBatch + " / " + relayPoll.toMillis() + " ms");
        m.put("seed", seed);
        return m;
    }
}
