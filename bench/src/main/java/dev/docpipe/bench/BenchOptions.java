package dev.docpipe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of {@link ConfirmBenchmark}; every one is printed with the results. */
public record BenchOptions(
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
        long seed,
        String report) {

    public static BenchOptions defaults() {
        return new BenchOptions(2_000, 10, 0.2, List.of(32, 1024), 500, 1_000, 3,
                DocpipeVariant.parseAll(DocpipeVariant.DEFAULTS), 1, 32, "on", Duration.ofSeconds(5), List.of(Duration.ofSeconds(1)),
                Duration.ofMillis(50), 0, 500, Duration.ofMillis(5), List.of("docpipe", "outbox", "lock"),
                List.of("docpipe", "outbox", "lock"), Duration.ofSeconds(60), 42, "");
    }

    public static BenchOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + usage());
            }
            String key = args[i].substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value\n" + usage());
            }
            given.put(key, value);
        }
        BenchOptions d = defaults();
        BenchOptions o = new BenchOptions(
                integer(given, "documents", d.documents),
                integer(given, "confirms", d.confirmsPerDocument),
                Double.parseDouble(given.getOrDefault("retry-rate", Double.toString(d.retryRate))),
                given.containsKey("clients") ? Arrays.stream(given.remove("clients").split(","))
                        .map(String::strip).map(Integer::parseInt).toList() : d.clients,
                integer(given, "warmup-documents", d.warmupDocuments),
                integer(given, "crash-documents", d.crashDocuments),
                integer(given, "crashes", d.crashes),
                given.containsKey("docpipe") ? DocpipeVariant.parseAll(given.remove("docpipe")) : d.docpipeVariants,
                integer(given, "stream-threads", d.streamThreads),
                integer(given, "db-pool", d.dbPool),
                given.getOrDefault("pg-synchronous-commit", d.synchronousCommit),
                millis(given, "lock-ttl-ms", d.lockTtl),
                given.containsKey("lock-wait-ms") ? Arrays.stream(given.remove("lock-wait-ms").split(","))
                        .map(String::strip).map(v -> Duration.ofMillis(Long.parseLong(v))).toList() : d.lockWaits,
                millis(given, "lock-retry-ms", d.lockRetry),
                integer(given, "redis-pool", d.redisPool),
                integer(given, "relay-batch", d.relayBatch),
                millis(given, "relay-poll-ms", d.relayPoll),
                given.containsKey("approaches") ? List.of(given.remove("approaches").split(",")) : d.approaches,
                given.containsKey("crash-approaches") ? List.of(given.remove("crash-approaches").split(","))
                        : d.crashApproaches,
                Duration.ofSeconds(integer(given, "reply-timeout-s", (int) d.replyTimeout.toSeconds())),
                Long.parseLong(given.getOrDefault("seed", Long.toString(d.seed))),
                given.getOrDefault("report", d.report));
        List<String> known = List.of("documents", "confirms", "retry-rate", "warmup-documents", "crash-documents",
                "crashes", "stream-threads", "db-pool",
                "pg-synchronous-commit", "lock-ttl-ms", "lock-retry-ms", "redis-pool", "relay-batch",
                "relay-poll-ms", "reply-timeout-s", "seed", "report");
        List<String> unknown = new ArrayList<>(given.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + usage());
        }
        return o;
    }

    private static int integer(Map<String, String> given, String key, int fallback) {
        return given.containsKey(key) ? Integer.parseInt(given.get(key).replace("_", "")) : fallback;
    }

    private static Duration millis(Map<String, String> given, String key, Duration fallback) {
        return given.containsKey(key) ? Duration.ofMillis(Long.parseLong(given.get(key))) : fallback;
    }

    static String usage() {
        return """
                options (defaults in brackets):
                  --documents N [2000]            scanned documents per measured run
                  --confirms K [10]               concurrent clients confirming each document (distinct request ids)
                  --retry-rate R [0.2]            share of requests sent a second time with the same id
                  --clients C1,C2 [32,1024]       concurrent clients (closed loop); one run per value
                  --warmup-documents W [500]      unmeasured warm-up run per approach and client count (0: none)
                  --crash-documents N [1000]      documents of the crash variant (0: no crash variant)
                  --crashes K [3]                 crashes injected per approach in the crash variant
                  --docpipe "V1;V2" [100;20+poll.ms=5+consumer.fetch.max.wait.ms=5]
                                                  docpipe runs: commit.interval.ms, then raw Kafka Streams
                                                  overrides; the first is also the crash variant's
                  --stream-threads [1]            docpipe's stream threads
                  --db-pool [32]                  PostgreSQL connections (HikariCP) of the two alternatives
                  --pg-synchronous-commit [on]    PostgreSQL synchronous_commit for the bench database
                  --lock-ttl-ms [5000] --lock-wait-ms [1000] (list: 1000,0; 0 = SET NX once, 409 if taken)
                  --lock-retry-ms [50] --redis-pool [0 = one connection per client, as PHP workers have]
                  --relay-batch [500] --relay-poll-ms [5]
                  --approaches [docpipe,outbox,lock] (also: http = docpipe through api-service's real HTTP API)
                  --crash-approaches [docpipe,outbox,lock]
                  --reply-timeout-s [60] --seed [42] --report FILE (append the markdown report)""";
    }

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
                + " / " + dev.docpipe.bench.infra.Kafka.PARTITIONS);
        m.put("PostgreSQL pool / synchronous_commit", dbPool + " / " + synchronousCommit);
        m.put("Redis lock ttl / wait / retry / pool", lockTtl.toMillis() + " / " + lockWaits.stream()
                .map(Duration::toMillis).toList() + " / " + lockRetry.toMillis() + " ms / "
                + (redisPool == 0 ? "one connection per client" : redisPool));
        m.put("outbox relay batch / poll", relayBatch + " / " + relayPoll.toMillis() + " ms");
        m.put("seed", seed);
        return m;
    }
}
