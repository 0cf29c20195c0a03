package dev.docpipe.bench.torture;

import dev.docpipe.bench.infra.BrokerChild;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.StreamsChild;
import dev.docpipe.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * The torture scenarios; each returns a printed verdict. All but {@code broker} use the given broker; {@code
 * broker} runs its own in a child JVM so that it can kill and restart it.
 */
public final class Scenarios {
    /** What a fenced zombie logs once it wakes up (producer fenced / epoch bumped / dropped from the group). */
    static final Pattern FENCING = Pattern.compile(
            "(?i)fenced|TaskMigrated|InvalidProducerEpoch|INVALID_PRODUCER_EPOCH|missed a rebalance|UNKNOWN_MEMBER_ID"
                    + "|UnknownMemberId|lost due to missed rebalance|CommitFailed"
                    + "|FENCED_INSTANCE_ID|out of the consumer group|no longer part of the group");

    private Scenarios() {}

    public record Result(String scenario, boolean completed, Verifier.Verdict verdict, List<String> notes,
            double seconds) {
        public boolean passed() {
            return completed && verdict.passed();
        }

        public String describe() {
            StringBuilder s = new StringBuilder("== torture " + scenario + " (" + "%.0f s".formatted(seconds) + ")\n");
            notes.forEach(n -> s.append("  ").append(n).append('\n'));
            if (!completed) {
                s.append("  INCOMPLETE: the run did not settle before the completion timeout\n");
            }
            return s.append(verdict.describe()).toString();
        }
    }

    public static Result run(String bootstrap, TortureOptions options) throws Exception {
        return switch (options.scenario()) {
            case "kill9" -> kill9(bootstrap, options);
            case "zombie" -> zombie(bootstrap, options);
            case "rebalance" -> rebalance(bootstrap, options);
            case "broker" -> brokerRestarts(options);
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
        };
    }

    /** Scenario (i): 10x duplicated commands while the Streams JVM is kill -9ed and restarted, repeatedly. */
    static Result kill9(String bootstrap, TortureOptions o) throws Exception {
        Run run = new Run(bootstrap, "kill9", o);
        StreamsChild streams = run.child("kill9-a", Map.of());
        // Feed from the start, so that even the first incarnation is killed with work in flight.
        try (Feeder feeder = run.feeder()) {
            streams.start();
            for (int k = 1; k <= o.kills(); k++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1_000, 4_000));
                long pid = streams.pid();
                streams.kill9();
                run.note("kill -9 #%d of pid %d at %.1f s (%s)".formatted(k, pid, run.elapsed(), feeder.progress()));
                streams.start();
            }
            return run.finish(feeder, List.of(streams));
        } finally {
            streams.stop();
        }
    }

    /**
     * Scenario (ii): the Streams JVM is SIGSTOPped longer than its transaction timeout while a second
     * instance takes its partitions over, then SIGCONTinued: the zombie must be fenced, nothing it was
     * doing may become visible, and it must rejoin as a normal member.
     */
    static Result zombie(String bootstrap, TortureOptions o) throws Exception {
        Run run = new Run(bootstrap, "zombie", o);
        Map<String, String> streams = Map.of(
                "producer.transaction.timeout.ms", Long.toString(o.transactionTimeout().toMillis()),
                "consumer.session.timeout.ms", Long.toString(o.sessionTimeout().toMillis()),
                "consumer.heartbeat.interval.ms", Long.toString(o.sessionTimeout().toMillis() / 4));
        StreamsChild zombie = run.child("zombie-a", streams);
        StreamsChild successor = run.child("zombie-b", streams);
        zombie.start();
        try (Feeder feeder = run.feeder()) {
            // Freeze it while it is busy deciding: with 100 ms commits a transaction is almost always open.
            long busy = System.nanoTime() + 60_000_000_000L;
            while (feeder.outcomes() < 50 && System.nanoTime() < busy) {
                Thread.sleep(20);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 700));
            zombie.sigstop();
            long stopped = System.nanoTime();
            run.note("SIGSTOP pid %d at %.1f s (%s)".formatted(zombie.pid(), run.elapsed(), feeder.progress()));
            successor.start();
            run.note("second instance pid %d started at %.1f s".formatted(successor.pid(), run.elapsed()));
            long left = o.pause().toNanos() - (System.nanoTime() - stopped);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
            int before = zombie.logLines(FENCING).size();
            zombie.sigcont();
            run.note("SIGCONT pid %d after %.1f s stopped, at %.1f s (%s)".formatted(zombie.pid(),
                    (System.nanoTime() - stopped) / 1e9, run.elapsed(), feeder.progress()));
            // A woken zombie learns it was fenced at its next poll or commit, which a loaded machine can delay:
            // wait for its first word on it (bounded), then give it a moment to finish rejoining.
            long noticeBy = System.nanoTime() + 30_000_000_000L;
            while (zombie.logLines(FENCING).size() == before && zombie.isAlive() && System.nanoTime() < noticeBy) {
                Thread.sleep(200);
            }
            Thread.sleep(2_000);
            List<String> fencing = zombie.logLines(FENCING);
            List<String> after = fencing.subList(before, fencing.size());
            String telling = after.stream().filter(l -> l.contains("being fenced") || l.contains("TaskMigratedException")
                    || l.contains("CommitFailedException") || l.contains("ProducerFencedException")).findFirst()
                    .orElse(after.isEmpty() ? "" : after.getFirst());
            run.note("zombie's log after SIGCONT: %d lines about fencing/rejoining%s".formatted(after.size(),
                    after.isEmpty() ? "" : ", e.g. " + shorten(telling)));
            after.stream().filter(l -> l.contains("Caused by") || l.contains("TaskMigratedException:")).limit(2)
                    .forEach(l -> run.note("  " + shorten(l)));
            run.note("zombie alive after SIGCONT: " + zombie.isAlive());
            return run.finish(feeder, List.of(zombie, successor));
        } finally {
            zombie.sigcontQuietly();
            zombie.stop();
            successor.stop();
        }
    }

    /** Scenario (iii): two instances share the work with num.standby.replicas=1; one is kill -9ed. */
    static Result rebalance(String bootstrap, TortureOptions o) throws Exception {
        Run run = new Run(bootstrap, "rebalance", o);
        Map<String, String> streams = Map.of(
                "num.standby.replicas", "1",
                "consumer.session.timeout.ms", Long.toString(o.sessionTimeout().toMillis()),
                "consumer.heartbeat.interval.ms", Long.toString(o.sessionTimeout().toMillis() / 4));
        StreamsChild survivor = run.child("rebalance-a", streams);
        StreamsChild victim = run.child("rebalance-b", streams);
        CompletableFuture<Void> second = CompletableFuture.runAsync(victim::start);
        survivor.start();
        second.get();
        try (Feeder feeder = run.feeder()) {
            long busy = System.nanoTime() + 60_000_000_000L;
            while (feeder.outcomes() < 100 && System.nanoTime() < busy) {
                Thread.sleep(20);
            }
            Thread.sleep(3_000); // both instances deciding, with standbys of each other's tasks
            long pid = victim.pid();
            victim.kill9();
            run.note("kill -9 of pid %d (one of two instances) at %.1f s (%s)".formatted(pid, run.elapsed(),
                    feeder.progress()));
            Result result = run.finish(feeder, List.of(survivor));
            // The survivor's task assignments over the run: its standbys of the victim's tasks become active.
            List<String> tasks = survivor.logLines(Pattern.compile("New (active|standby) tasks: "));
            StringBuilder history = new StringBuilder();
            for (int i = 0; i + 1 < tasks.size(); i += 2) {
                history.append(i == 0 ? "" : " -> ").append("active ").append(tasks.get(i).replaceAll(".*: ", ""))
                        .append(" standby ").append(tasks.get(i + 1).replaceAll(".*: ", ""));
            }
            String note = "survivor's assignments: " + history;
            result.notes().add(note);
            System.out.println("  [rebalance] " + note);
            return result;
        } finally {
            survivor.stop();
            victim.stop();
        }
    }

    /**
     * Scenario (iv): the broker itself goes down mid-run, alternately {@code kill -9} and a clean shutdown, and
     * comes back on the same port and data directory, while the Streams JVM and the feeder keep going.
     * Open transactions must be aborted or completed by the recovered coordinator, never half-visible.
     */
    static Result brokerRestarts(TortureOptions o) throws Exception {
        BrokerChild broker = new BrokerChild(Files.createTempDirectory("docpipe-torture-broker-")).start();
        try {
            Run run = new Run(broker.bootstrapServers(), "broker", o);
            StreamsChild streams = run.child("broker-a", Map.of());
            streams.start();
            try (Feeder feeder = run.feeder()) {
                for (int k = 1; k <= o.kills(); k++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 5_000));
                    long pid = broker.pid();
                    boolean crash = k % 2 == 1;
                    if (crash) {
                        broker.kill9();
                    } else {
                        broker.stop();
                    }
                    run.note("broker %s #%d of pid %d at %.1f s (%s)".formatted(crash ? "kill -9" : "clean shutdown",
                            k, pid, run.elapsed(), feeder.progress()));
                    Thread.sleep(1_000);
                    broker.start();
                    run.note("broker back at %.1f s".formatted(run.elapsed()));
                }
                return run.finish(feeder, List.of(streams));
            } finally {
                streams.stop();
            }
        } finally {
            broker.stop();
        }
    }

    static String shorten(String line) {
        // Drop Spring Boot's "<time> <level> <pid> --- [app] [thread] <logger> : " prefix.
        String s = line.strip().replaceFirst("^\\S+\\s+\\w+\\s+\\d+ --- \\[[^]]*\\] \\[[^]]*\\] ", "");
        return s.length() > 260 ? s.substring(0, 260) + "..." : s;
    }

    /** What every scenario shares: a fresh application id starting at the end of the inputs, and the verdict. */
    static final class Run {
        final String bootstrap;
        final String scenario;
        final TortureOptions options;
        final String applicationId;
        final Map<TopicPartition, Long> start;
        final List<String> notes = new ArrayList<>();
        final long t0 = System.nanoTime();

        Run(String bootstrap, String scenario, TortureOptions options) {
            this.bootstrap = bootstrap;
            this.scenario = scenario;
            this.options = options;
            this.applicationId = "torture-" + scenario + "-" + Long.toString(System.nanoTime(), 36);
            Kafka.ensureDocpipeTopics(bootstrap);
            Kafka.startGroupAtEnd(bootstrap, applicationId, Topics.COMMANDS, Topics.JOB_RESULTS);
            this.start = Kafka.endOffsets(bootstrap, Topics.COMMAND_OUTCOMES, Topics.EVENTS, Topics.SCAN_JOBS,
                    Topics.OCR_JOBS);
            options.describe().forEach((k, v) -> notes.add(k + ": " + v));
        }

        StreamsChild child(String instance, Map<String, String> streams) throws Exception {
            Path stateDir = Files.createTempDirectory("docpipe-torture-" + instance + "-");
            return new StreamsChild(bootstrap, applicationId, stateDir, instance, streams, options.fastStart());
        }

        Feeder feeder() {
            return new Feeder(bootstrap, options.documents(), options.feedTime(), options.confirmIds(),
                    options.sendsPerConfirm()).start();
        }

        void note(String note) {
            notes.add(note);
            System.out.println("  [" + scenario + "] " + note);
        }

        double elapsed() {
            return (System.nanoTime() - t0) / 1e9;
        }

        Result finish(Feeder feeder, List<StreamsChild> running) throws InterruptedException {
            boolean completed = feeder.awaitDone(options.completionTimeout());
            note("settled at %.1f s: %s".formatted(elapsed(), feeder.progress()));
            for (StreamsChild child : running) {
                child.stop();
            }
            Verifier.Verdict verdict = Verifier.verify(bootstrap, start, feeder.documents(), feeder.sends());
            Result result = new Result(scenario, completed, verdict, notes, elapsed());
            System.out.println(result.describe());
            return result;
        }
    }

    /** A handle to the zombie run's evidence, for tests. */
    public static int fencingEvidence(Result result) {
        return result.notes().stream().filter(n -> n.startsWith("zombie's log after SIGCONT: ")).findFirst()
                .map(n -> Integer.parseInt(n.substring("zombie's log after SIGCONT: ".length()).split(" ")[0]))
                .orElse(-1);
    }
}
