package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.RedisServer;
import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "Confirm scan -> dispatch exactly one OCR job", three ways, same workload, one run, this machine:
 * docpipe (commands to Kafka, decided by the real Streams pipeline with exactly_once_v2), a guarded UPDATE +
 * transactional outbox on PostgreSQL, and a Redis lock around check-then-act. Then each again with crashes
 * injected between "state changed" and "job dispatched". Prints throughput, latency, what was emitted
 * (duplicates, losses), contention 409s, CPU and memory. Run with {@code bench confirm} (bench/README.md).
 */
public final class ConfirmBenchmark {
    private final ConfirmOptions options;
    private final String bootstrap;
    private final Database db;
    private final Optional<RedisServer> redis;
    private final StringBuilder report = new StringBuilder();

    private ConfirmBenchmark(ConfirmOptions options, String bootstrap, Database db, Optional<RedisServer> redis) {
        this.options = options;
        this.bootstrap = bootstrap;
        this.db = db;
        this.redis = redis;
    }

    /** Runs everything the options ask for and returns the rows (also printed). */
    public static List<Row> run(ConfirmOptions options) throws Exception {
        Quiet.logging();
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Kafka.ensureDocpipeTopics(bootstrap);
        Optional<RedisServer> redis = options.approaches().contains("lock") || options.crashApproaches().contains("lock")
                ? RedisServer.startIfInstalled()
                : Optional.empty();
        try (Database db = Database.create(options.dbPool(), options.synchronousCommit())) {
            return new ConfirmBenchmark(options, bootstrap, db, redis).runAll();
        } finally {
            redis.ifPresent(RedisServer::close);
        }
    }

    private List<Row> runAll() throws Exception {
        line("# confirm-scan benchmark, " + Instant.now());
        line("");
        line("machine:");
        Machine.describe().forEach((k, v) -> line("  " + k + ": " + v));
        line("  postgresql: " + db.version() + " (embedded, separate process, pid " + db.postmasterPid() + ")");
        redis.ifPresent(r -> line("  redis: " + r.version() + " (separate process, pid " + r.pid() + ")"));
        line("parameters:");
        options.describe().forEach((k, v) -> line("  " + k + ": " + v));
        Workload workload = Workload.generate(options.documents(), options.confirmsPerDocument(), options.retryRate(),
                options.seed());
        line("workload: " + workload.describe());
        line("");

        List<Row> rows = new ArrayList<>();
        for (int clients : options.clients()) {
            for (String approach : options.approaches()) {
                if (approach.equals("lock") && redis.isEmpty()) {
                    continue;
                }
                if (approach.equals("http") && ApiProcess.jar().isEmpty()) {
                    line("  skipped http: api-service's executable jar is not built"
                            + " (./mvnw -B -q -ntp -pl api-service,bench -am package -DskipTests)");
                    continue;
                }
                // docpipe runs once per commit interval, the lock approach once per lock wait.
                int variants = switch (approach) {
                    case "docpipe", "http" -> options.docpipeVariants().size();
                    case "lock" -> options.lockWaits().size();
                    default -> 1;
                };
                for (int v = 0; v < variants; v++) {
                    boolean docpipe = approach.equals("docpipe") || approach.equals("http");
                    DocpipeVariant interval = options.docpipeVariants().get(docpipe ? v : 0);
                    Duration lockWait = options.lockWaits().get(approach.equals("lock") ? v : 0);
                    if (options.warmupDocuments() > 0) {
                        Workload warmup = Workload.generate(options.warmupDocuments(), options.confirmsPerDocument(),
                                options.retryRate(), options.seed() + 1);
                        measure(create(approach, false, RedisLockApproach.Order.UPDATE_FIRST, interval, lockWait, clients),
                                warmup, clients, 0, "warm-up");
                    }
                    Row row = measure(create(approach, false, RedisLockApproach.Order.UPDATE_FIRST, interval, lockWait, clients),
                            workload, clients, 0, "normal");
                    rows.add(row);
                    line("  done: " + row.approach() + ", " + clients + " clients: "
                            + "%,.0f req/s, %d jobs for %d documents".formatted(row.throughput(), row.jobRecords(),
                            row.documents()));
                }
            }
        }
        if (options.crashDocuments() > 0 && options.crashes() > 0) {
            Workload crashWorkload = Workload.generate(options.crashDocuments(), options.confirmsPerDocument(),
                    options.retryRate(), options.seed() + 2);
            int clients = options.clients().getFirst();
            line("crash variant: " + crashWorkload.describe() + ", " + clients + " clients, " + options.crashes()
                    + " crashes, then one late confirm per document after the lock TTL");
            for (String approach : options.crashApproaches()) {
                if (approach.equals("lock") && redis.isEmpty()) {
                    continue;
                }
                DocpipeVariant interval = options.docpipeVariants().getFirst();
                Duration lockWait = options.lockWaits().getFirst();
                rows.add(measure(create(approach, true, RedisLockApproach.Order.UPDATE_FIRST, interval, lockWait, clients),
                        crashWorkload, clients, options.crashes(), "crash"));
                if (approach.equals("lock")) {
                    rows.add(measure(create(approach, true, RedisLockApproach.Order.DISPATCH_FIRST, interval, lockWait, clients),
                            crashWorkload, clients, options.crashes(), "crash"));
                }
                line("  done: crash variant of " + approach);
            }
        }
        line("");
        table(rows);
        writeReport();
        return rows;
    }

    private Approach create(String name, boolean crash, RedisLockApproach.Order order, DocpipeVariant docpipe,
            Duration lockWait, int clients) throws Exception {
        return switch (name) {
            case "docpipe" -> new DocpipeApproach(bootstrap,
                    crash ? DocpipeApproach.Mode.CHILD_JVM : DocpipeApproach.Mode.IN_PROCESS, docpipe.commitInterval(),
                    options.streamThreads(), crash ? Duration.ofSeconds(300) : options.replyTimeout(),
                    docpipe.streamsOverrides());
            case "http" -> new HttpApiApproach(bootstrap, docpipe.commitInterval(), docpipe.streamsOverrides(),
                    options.replyTimeout(), options.httpWarmupRequests());
            case "outbox" -> new OutboxApproach(bootstrap, db, options.relayBatch(), options.relayPoll(),
                    Duration.ofSeconds(1));
            case "lock" -> new RedisLockApproach(bootstrap, db, redis.orElseThrow(),
                    options.redisPool() > 0 ? options.redisPool() : clients,
                    options.lockTtl(), lockWait, options.lockRetry(), order);
            default -> throw new IllegalArgumentException("unknown approach " + name);
        };
    }

    private Row measure(Approach approach, Workload workload, int clients, int crashes, String variant)
            throws Exception {
        try (approach) {
            approach.prepare(workload.documents());
            Set<UUID> documents = new HashSet<>(workload.documents());
            Map<UUID, UUID> byTopicId = new HashMap<>();
            documents.forEach(doc -> byTopicId.put(approach.idOnJobTopic(doc), doc));
            System.gc();
            try (JobTally jobs = new JobTally(bootstrap, approach.jobTopic(), byTopicId.keySet());
                    ResourceMeter meter = ResourceMeter.start(approach::externalPids)) {
                AtomicBoolean clientsDone = new AtomicBoolean();
                AtomicInteger answered = new AtomicInteger();
                List<String> crashNotes = new CopyOnWriteArrayList<>();
                int total = workload.requests().size();
                // Crash i lands once i/(crashes+1) of the requests are answered: mid-run whatever the speed.
                Thread crasher = Thread.ofPlatform().name("crasher").start(() -> {
                    try {
                        for (int i = 1; i <= crashes && !clientsDone.get(); i++) {
                            while (answered.get() < (long) total * i / (crashes + 1) && !clientsDone.get()) {
                                Thread.sleep(1);
                            }
                            if (!clientsDone.get()) {
                                crashNotes.add(approach.injectCrash());
                            }
                        }
                    } catch (Exception e) {
                        crashNotes.add("crash injection failed: " + e);
                    }
                });
                ClientDriver.Log log = ClientDriver.run(approach, workload, clients, answered);
                clientsDone.set(true);
                crasher.join();
                ClientDriver.Log late = null;
                if (crashes > 0) {
                    // The crashed requests' locks expire; users who saw an error (or nothing) confirm again.
                    Thread.sleep(options.lockTtl().toMillis() + 500);
                    late = ClientDriver.run(approach, workload.lateRetries(options.seed() + 3), clients);
                }
                approach.drain(Duration.ofSeconds(120));
                jobs.await(Duration.ofSeconds(crashes > 0 ? 10 : 60), Duration.ofSeconds(1));
                ResourceMeter.Usage usage = meter.stop();

                Map<UUID, Long> asked = log.acceptedStart();
                List<Long> dispatch = new ArrayList<>();
                jobs.firstSeenNanos().forEach((topicId, seen) -> {
                    Long start = asked.get(byTopicId.get(topicId));
                    if (start != null) {
                        dispatch.add(Math.max(0, seen - start));
                    }
                });
                Map<Status, Integer> statuses = log.counts();
                int requests = workload.requests().size();
                if (late != null) {
                    late.counts().forEach((s, n) -> statuses.merge(s, n, Integer::sum));
                    requests += late.workload().requests().size();
                }
                Row row = new Row(approach.name(), variant, clients, documents.size(), requests, log.seconds(),
                        Latencies.of(log.replyNanos()),
                        Latencies.of(dispatch.stream().mapToLong(Long::longValue).toArray()), statuses,
                        jobs.records(), jobs.documentsWithJob(), jobs.duplicates(), jobs.documentsWithDuplicates(),
                        jobs.lost(), (jobs.lastRecordNanos() - log.phaseStart()) / 1e9, usage,
                        approach.facts(documents), crashNotes);
                return row;
            }
        }
    }

    private void table(List<Row> rows) {
        line("| approach | variant | clients | requests | req/s | reply p50 / p99 | job visible p50 / p99 (from the 202 request) "
                + "| 202 / 200 | 409 contention | 5xx / timeout | OCR jobs for docs | duplicate jobs | lost | "
                + "CPU s JVM + ext (ms/req) | heap peak MB | ext PSS MB |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            line("| %s | %s | %d | %,d | %,.0f | %s | %s | %,d / %,d | %,d | %d / %d | %,d / %,d | %d | %d | %.1f + %.1f (%.2f) | %.0f | %.0f |"
                    .formatted(r.approach(), r.variant(), r.clients(), r.requests(), r.throughput(),
                            r.reply().describe(), r.dispatch().describe(), r.status(Status.QUEUED_202),
                            r.status(Status.ALREADY_200), r.status(Status.CONTENTION_409),
                            r.status(Status.ERROR_5XX) + r.status(Status.REFUSED_409), r.status(Status.TIMEOUT),
                            r.jobRecords(), r.documents(), r.duplicateJobs(), r.lostDocuments(),
                            r.usage().jvmCpuSeconds(), r.usage().externalCpuSeconds(), r.cpuMsPerRequest(),
                            r.usage().heapPeakMb(), r.usage().externalPssPeakMb()));
        }
        line("");
        for (Row r : rows) {
            line("- %s, %s, %d clients: %.2f s for the requests, all jobs visible after %.2f s; %s%s".formatted(
                    r.approach(), r.variant(), r.clients(), r.seconds(), r.jobsVisibleAfterSeconds(), r.facts(),
                    r.crashes().isEmpty() ? "" : "; crashes: " + r.crashes()));
        }
        for (Row docpipe : rows) {
            Optional<Row> outbox = find(rows, "guarded", docpipe.clients());
            if (docpipe.variant().equals("normal") && docpipe.approach().startsWith("docpipe") && outbox.isPresent()) {
                line("- %s, %d clients: docpipe / outbox throughput = %.2fx".formatted(docpipe.approach(),
                        docpipe.clients(), docpipe.throughput() / outbox.get().throughput()));
            }
        }
        line("load average at end: " + Machine.loadAverage());
    }

    private static Optional<Row> find(List<Row> rows, String prefix, int clients) {
        return rows.stream().filter(r -> r.variant().equals("normal") && r.clients() == clients
                && r.approach().startsWith(prefix)).findFirst();
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void writeReport() throws IOException {
        if (!options.report().isBlank()) {
            Path file = Path.of(options.report());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
