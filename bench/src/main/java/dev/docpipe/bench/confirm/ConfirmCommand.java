package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Quiet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench confirm}: the options of {@link ConfirmBenchmark}, with the documented defaults. */
@Command(name = "confirm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"\"Confirm scan -> exactly one OCR job\" three ways on one workload: docpipe (Kafka Streams, "
                + "exactly_once_v2), a guarded UPDATE + transactional outbox on PostgreSQL, a Redis lock around "
                + "check-then-act; then each again with crashes injected. Prints throughput, latency, duplicates, "
                + "losses, 409s, CPU and memory per approach."})
public final class ConfirmCommand implements Callable<Integer> {
    @Option(names = "--documents", defaultValue = "2000", description = "scanned documents per measured run [${DEFAULT-VALUE}]")
    int documents;
    @Option(names = "--confirms", defaultValue = "10",
            description = "concurrent clients confirming each document (distinct request ids) [${DEFAULT-VALUE}]")
    int confirms;
    @Option(names = "--retry-rate", defaultValue = "0.2",
            description = "share of requests sent a second time with the same id [${DEFAULT-VALUE}]")
    double retryRate;
    @Option(names = "--clients", defaultValue = "32,1024", split = ",",
            description = "concurrent clients (closed loop); one run per value [${DEFAULT-VALUE}]")
    List<Integer> clients;
    @Option(names = "--warmup-documents", defaultValue = "500",
            description = "unmeasured warm-up run per approach and client count, 0 for none [${DEFAULT-VALUE}]")
    int warmupDocuments;
    @Option(names = "--crash-documents", defaultValue = "1000",
            description = "documents of the crash variant, 0 for no crash variant [${DEFAULT-VALUE}]")
    int crashDocuments;
    @Option(names = "--crashes", defaultValue = "3", description = "crashes injected per approach in the crash variant [${DEFAULT-VALUE}]")
    int crashes;
    @Option(names = "--docpipe", defaultValue = DocpipeVariant.DEFAULTS,
            description = "docpipe runs separated by ';': commit.interval.ms, then raw Kafka Streams overrides "
                    + "(+key=value); the first is also the crash variant's [${DEFAULT-VALUE}]")
    String docpipe;
    @Option(names = "--stream-threads", defaultValue = "1", description = "docpipe's stream threads [${DEFAULT-VALUE}]")
    int streamThreads;
    @Option(names = "--db-pool", defaultValue = "32",
            description = "PostgreSQL connections (HikariCP) of the two alternatives [${DEFAULT-VALUE}]")
    int dbPool;
    @Option(names = "--pg-synchronous-commit", defaultValue = "on",
            description = "PostgreSQL synchronous_commit for the bench database [${DEFAULT-VALUE}]")
    String synchronousCommit;
    @Option(names = "--lock-ttl-ms", defaultValue = "5000", description = "Redis lock TTL [${DEFAULT-VALUE}]")
    long lockTtlMs;
    @Option(names = "--lock-wait-ms", defaultValue = "1000", split = ",",
            description = "how long a client waits for the lock; a list runs each, 0 = SET NX once, 409 if taken "
                    + "[${DEFAULT-VALUE}]")
    List<Long> lockWaitMs;
    @Option(names = "--lock-retry-ms", defaultValue = "50", description = "lock retry interval [${DEFAULT-VALUE}]")
    long lockRetryMs;
    @Option(names = "--redis-pool", defaultValue = "0",
            description = "Redis connections, 0 = one per client, as PHP workers have [${DEFAULT-VALUE}]")
    int redisPool;
    @Option(names = "--relay-batch", defaultValue = "500", description = "outbox relay batch [${DEFAULT-VALUE}]")
    int relayBatch;
    @Option(names = "--relay-poll-ms", defaultValue = "5", description = "outbox relay poll interval [${DEFAULT-VALUE}]")
    long relayPollMs;
    @Option(names = "--approaches", defaultValue = "docpipe,outbox,lock", split = ",",
            description = "docpipe, outbox, lock, and http (docpipe through api-service's real HTTP API) [${DEFAULT-VALUE}]")
    List<String> approaches;
    @Option(names = "--crash-approaches", defaultValue = "docpipe,outbox,lock", split = ",",
            description = "approaches of the crash variant [${DEFAULT-VALUE}]")
    List<String> crashApproaches;
    @Option(names = "--reply-timeout-s", defaultValue = "60", description = "a request unanswered by then is a timeout [${DEFAULT-VALUE}]")
    int replyTimeoutSeconds;
    @Option(names = "--http-warmup-requests", defaultValue = "4000",
            description = "confirm + GET pairs that warm up the API's JVM before the http approach's run [${DEFAULT-VALUE}]")
    int httpWarmupRequests;
    @Option(names = "--seed", defaultValue = "42", description = "workload seed [${DEFAULT-VALUE}]")
    long seed;
    @Option(names = "--report", defaultValue = "", paramLabel = "FILE", description = "append the markdown report to FILE")
    String report;

    /** The options of {@code args} as {@link ConfirmBenchmark#run} takes them (for tests of a short run). */
    public static ConfirmOptions parse(String... args) {
        ConfirmCommand command = new ConfirmCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    ConfirmOptions options() {
        List<String> known = List.of("docpipe", "outbox", "lock", "http");
        for (String approach : concat(approaches, crashApproaches)) {
            if (!known.contains(approach)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown approach " + approach + ", expected one of " + known);
            }
        }
        return new ConfirmOptions(documents, confirms, retryRate, List.copyOf(clients), warmupDocuments,
                crashDocuments, crashes, DocpipeVariant.parseAll(docpipe), streamThreads, dbPool, synchronousCommit,
                Duration.ofMillis(lockTtlMs), lockWaitMs.stream().map(Duration::ofMillis).toList(),
                Duration.ofMillis(lockRetryMs), redisPool, relayBatch, Duration.ofMillis(relayPollMs),
                List.copyOf(approaches), List.copyOf(crashApproaches), Duration.ofSeconds(replyTimeoutSeconds), httpWarmupRequests, seed,
                report);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Override
    public Integer call() throws Exception {
        Quiet.logging();
        ConfirmBenchmark.run(options());
        return 0;
    }
}
