package dev.docpipe.bench.replay;

import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.cli.audit.Auditor;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.readmodel.ReadModelSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench replay}: events per second of {@code docpipe audit} and {@code docpipe rebuild-projection} over a synthetic log
 * (default 1,000,000 events: 125,000 documents, 8 events each, made by the real decider and fold, with their
 * scan and OCR job records), on the embedded broker and PostgreSQL of the tests. The CLI runs in a JVM of its own, from replay-cli's
 * executable jar when it is built (as an operator runs it), else from this JVM's classpath.
 */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Events per second of the operator CLI's audit (cold and warm JVM), the same split into "
                + "Kafka read, JSON decode and fold, and rebuild-projection into PostgreSQL, over a synthetic log "
                + "made by the real decider.")
public final class ReplayBenchmark implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DocumentDecider DECIDER = new DocumentDecider(LeasePolicy.DEFAULT);
    private static final FileRef FILE = new FileRef("sha256:" + "d".repeat(64), "application/pdf", 123_456,
            "homework.pdf");
    private static final ScanReport REPORT = new ScanReport("application/pdf", 3, 2480, 3508, 300, "de", true,
            List.of());

    private static final AtomicLong FAILURES = new AtomicLong();
    private static final org.apache.kafka.clients.producer.Callback FAILED = (metadata, e) -> {
        if (e != null) {
            FAILURES.incrementAndGet();
        }
    };

    @Option(names = "--events", defaultValue = "1000000", description = "events in the synthetic log, 8 per document [${DEFAULT-VALUE}]")
    int events;
    @Option(names = "--partitions", defaultValue = "12", description = "partitions of docpipe's topics [${DEFAULT-VALUE}]")
    int partitions;
    @Option(names = "--audit-only", description = "stop after the two audit runs")
    boolean auditOnly;
    @Option(names = "--child-jvm-args", defaultValue = "", paramLabel = "ARGS",
            description = "more JVM options for the CLI's JVM (after bin/docpipe's -Xmx4g -XX:+UseParallelGC)")
    String childJvmArgs;

    /** What a CLI run printed on stdout, and its exit status. */
    record Run(int exitCode, String out) {}

    @Override
    public Integer call() throws Exception {
        Quiet.logging();
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", load average " + load());
        KafkaBroker broker = KafkaBroker.shared();
        String bootstrap = broker.bootstrapServers();
        broker.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toArray(NewTopic[]::new));

        long t0 = System.nanoTime();
        long[] produced = generate(bootstrap, events);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generated %,d events (%,d documents) and %,d job records in %.1f s%n",
                produced[0], produced[1], produced[2], genSeconds);

        // 1. docpipe audit, end to end (Kafka read + decode + fold + checks, then the job topics), in a JVM of
        // its own as an operator runs it, so that its CPU time is its own (the broker runs in this one).
        // Cold: a fresh JVM reads the log once (what an operator sees). Warm: the same JVM folds the log three
        // times and reports the last pass (the steady state, JIT compilation done).
        String[][] runs = {{"cold", "1"}, {"warm", "3"}};
        for (String[] run : runs) {
            Run audit = docpipe("audit", "--json", "--skip-read-model", "--no-progress", "--repeat", run[1],
                    "--bootstrap-servers", bootstrap);
            JsonNode report = JSON.readTree(audit.out());
            JsonNode timing = report.get("timing");
            long n = report.get("events").asLong();
            long cpu = timing.get("eventLogCpuMs").asLong();
            System.out.printf(Locale.ROOT, "audit (%s): exit %d, %,d violations; %,d events in %,d ms = %,d events/s "
                            + "(event log, wall); CPU %,d ms = %.1f us/event = %,d events per CPU-second; job topics "
                            + "%,d ms; total %,d ms; load average %s%n", run[0], audit.exitCode(),
                    report.get("violationCount").asLong(), n, timing.get("eventLogMs").asLong(),
                    timing.get("eventsPerSecond").asLong(), cpu, cpu * 1000.0 / n, cpu == 0 ? 0 : n * 1000 / cpu,
                    timing.get("jobTopicsMs").asLong(), timing.get("elapsedMs").asLong(), load());
        }
        if (auditOnly) {
            return 0;
        }
        // 2. The same, split: Kafka read only; decode only; fold + checks only.
        phases(bootstrap);

        // 3. docpipe rebuild-projection into an empty live read model, then the audit with the read model.
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("bench_" + UUID.randomUUID().toString().substring(0, 8));
        ReadModelSchema.migrate(new DriverManagerDataSource(url, pg.username(), pg.password()));
        String[] db = {"--db-url", url, "--db-user", pg.username(), "--db-password", pg.password()};
        Run rebuild = docpipe(concat(new String[] {"rebuild-projection", "--json", "--no-progress",
            "--bootstrap-servers", bootstrap}, db));
        JsonNode r = JSON.readTree(rebuild.out());
        System.out.printf(Locale.ROOT, "rebuild-projection: exit %d, %,d events -> %,d documents; projection %,d ms = "
                        + "%,d events/s (CLI CPU %,d ms; PostgreSQL works in its own processes); total (incl. compare "
                        + "+ swap) %,d ms; equal before swap: %s; load average %s%n", rebuild.exitCode(),
                r.get("eventsRead").asLong(), r.get("documents").asLong(), r.get("projectionMs").asLong(),
                r.get("eventsPerSecond").asLong(), r.get("projectionCpuMs").asLong(), r.get("elapsedMs").asLong(),
                r.get("comparison").get("equal").asBoolean(), load());
        Run full = docpipe(concat(new String[] {"audit", "--json", "--no-progress", "--bootstrap-servers",
            bootstrap}, db));
        JsonNode f = JSON.readTree(full.out());
        System.out.printf(Locale.ROOT, "audit with read model: exit %d, %,d violations, %,d rows equal; "
                        + "read-model compare %,d ms; total %,d ms%n", full.exitCode(),
                f.get("violationCount").asLong(), f.get("readModel").get("equal").asLong(),
                f.get("timing").get("readModelMs").asLong(), f.get("timing").get("elapsedMs").asLong());
        return 0;
    }

    private static void phases(String bootstrap) {
        try (KafkaAccess kafka = KafkaAccess.connect(bootstrap, Duration.ofSeconds(10))) {
            List<List<ConsumerRecord<byte[], byte[]>>> batches = new ArrayList<>();
            long t = System.nanoTime();
            long read = TopicScan.read(kafka, EventLog.wholeLog(kafka), batches::add, Progress.none());
            long readMs = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            List<List<EventLog.Entry>> decoded = new ArrayList<>(batches.size());
            batches.forEach(b -> decoded.add(EventLog.decodeAll(b)));
            long decodeMs = (System.nanoTime() - t) / 1_000_000;
            for (int i = 0; i < Math.min(10, batches.size()); i++) { // warm up the reference decoder too
                batches.get(i).parallelStream().forEach(r -> dev.docpipe.model.json.ModelJson.EVENTS.decode(r.value()));
            }
            t = System.nanoTime();
            for (List<ConsumerRecord<byte[], byte[]>> b : batches) {
                b.parallelStream().forEach(r -> dev.docpipe.model.json.ModelJson.EVENTS.decode(r.value()));
            }
            long referenceMs = (System.nanoTime() - t) / 1_000_000;
            batches.clear();
            AtomicLong violations = new AtomicLong();
            Auditor auditor = new Auditor(Instant.now(), Duration.ofMinutes(5), v -> violations.incrementAndGet());
            t = System.nanoTime();
            for (List<EventLog.Entry> batch : decoded) {
                for (EventLog.Entry e : batch) {
                    auditor.onEvent((LoggedEvent) e);
                }
            }
            auditor.finish();
            long foldMs = (System.nanoTime() - t) / 1_000_000;
            System.out.printf(Locale.ROOT, "  phases over %,d events: Kafka read %,d ms (%,d/s), JSON decode %,d ms "
                            + "(%,d/s on %d cores; ModelJson.EVENTS would take %,d ms = %,d/s), fold + checks %,d ms "
                            + "(%,d/s), %d violations%n", read, readMs, perSecond(read, readMs), decodeMs,
                    perSecond(read, decodeMs), Runtime.getRuntime().availableProcessors(), referenceMs,
                    perSecond(read, referenceMs), foldMs, perSecond(read, foldMs), violations.get());
        }
    }

    /** Runs the CLI in a child JVM ({@link OperatorCli}). */
    private Run docpipe(String... args) throws Exception {
        OperatorCli.Run run = OperatorCli.run(childJvmArgs, args);
        return new Run(run.exitCode(), run.out());
    }

    private static String load() {
        return Machine.loadAverage();
    }

    private static long perSecond(long n, long ms) {
        return ms == 0 ? n * 1000 : n * 1000 / ms;
    }

    /** Documents through their whole life: 8 events each, plus their scan and OCR job records. */
    private static long[] generate(String bootstrap, int events) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                // One request in flight per partition: a retried batch cannot overtake the next one, so events
                // stay in order (the audit would report otherwise). Not idempotent: on a heavily loaded machine
                // the embedded broker's idempotence state got out of step with the producer (OUT_OF_ORDER_SEQUENCE).
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                // A small buffer makes send() wait instead of queueing minutes of work that could time out on a
                // busy machine (an expired batch of an idempotent producer breaks its sequence numbers).
                ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        long documents = 0;
        long eventCount = 0;
        long jobs = 0;
        Instant clock = Instant.parse("2026-01-05T08:00:00Z");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            while (eventCount < events) {
                Life life = new Life(UUID.randomUUID(), clock);
                life.command(new RegisterDocument(UUID.randomUUID(), FILE));
                life.result(new ScanSucceeded(life.document.currentJob().jobId(), life.id, life.tick(), REPORT));
                life.command(new ConfirmScan());
                life.result(new OcrSucceeded(life.document.currentJob().jobId(), life.id, life.tick(),
                        "sha256:" + "f".repeat(64), 4_321, "tesseract", "5.3.0"));
                life.command(new EditReview(0, new ReviewPatch("Bruchrechnen", "maths", "de", List.of("test"),
                        null)));
                life.command(new ValidateReview(1));
                byte[] key = life.id.toString().getBytes(StandardCharsets.UTF_8);
                for (RecordedEvent e : life.recorded) {
                    producer.send(new ProducerRecord<>(Topics.EVENTS, key, ModelJson.EVENTS.encode(e)), FAILED);
                    for (Job job : RequestedJobs.of(e.event()).stream().toList()) {
                        producer.send(new ProducerRecord<>(job.kind().topic(), key, ModelJson.JOBS.encode(job)), FAILED);
                        jobs++;
                    }
                }
                eventCount += life.recorded.size();
                documents++;
                clock = clock.plusMillis(7);
            }
            producer.flush();
        }
        if (FAILURES.get() > 0) {
            throw new IllegalStateException(FAILURES.get() + " records could not be written; the log is incomplete");
        }
        return new long[] {eventCount, documents, jobs};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One document's events, as the pipeline would record them. */
    private static final class Life {
        final UUID id;
        final List<RecordedEvent> recorded = new ArrayList<>(8);
        Document document;
        Instant clock;

        Life(UUID id, Instant clock) {
            this.id = id;
            this.clock = clock;
        }

        void command(CommandPayload payload) {
            Command command = new Command(UUID.randomUUID(), id, clock, "account-7", payload);
            Decision decision = DECIDER.decide(document, command, tick());
            record(command.commandId(), decision.events());
        }

        void result(JobResult result) {
            record(result.jobId(), DECIDER.onResult(document, result));
        }

        private void record(UUID cause, List<DocumentEvent> events) {
            Transition t = Transition.apply(document, id, events, cause, clock);
            document = t.after();
            recorded.addAll(t.recorded());
        }

        Instant tick() {
            clock = clock.plusMillis(250);
            return clock;
        }
    }
}
