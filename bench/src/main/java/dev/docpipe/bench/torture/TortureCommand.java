package dev.docpipe.bench.torture;

import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.localinfra.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench torture}: the exactly-once torture suite against the real pipeline-streams service (child
 * JVMs) and the in-process KRaft broker (scenario broker: a broker in its own JVM, restarted). Defaults are
 * the long versions (10,000 documents = 100,000 commands). Prints a verdict per scenario; exit status 0
 * only if every scenario found 0 lost and 0 duplicated, 3 otherwise.
 */
@Command(name = "torture", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Feeds duplicated commands to the real pipeline while its JVM is killed, paused past its "
                + "transaction timeout, rebalanced, or the broker restarted; verifies nothing was lost or duplicated.")
public final class TortureCommand implements Callable<Integer> {
    /** What a scenario's failure returns, distinct from a harness failure (1) and bad options (2). */
    static final int SCENARIO_FAILED = 3;

    /** Named as typed on the command line. */
    enum Scenario { kill9, zombie, rebalance, broker, all }

    @Parameters(index = "0", description = "kill9, zombie, rebalance, broker or all")
    Scenario scenario;

    @Option(names = "--documents", description = "documents fed [10000]")
    Integer documents;
    @Option(names = "--feed-seconds", description = "registrations spread over this long [75 for kill9 and broker, 45 otherwise]")
    Long feedSeconds;
    @Option(names = "--confirm-ids", description = "ConfirmScan ids per document [4]")
    Integer confirmIds;
    @Option(names = "--sends-per-confirm", description = "sends of each ConfirmScan id [2]")
    Integer sendsPerConfirm;
    @Option(names = "--kills", description = "kill -9 of the Streams JVM (kill9), broker restarts (broker) [5]")
    Integer kills;
    @Option(names = "--pause-seconds", description = "how long the zombie stays SIGSTOPped [20]")
    Long pauseSeconds;
    @Option(names = "--transaction-timeout-ms", description = "the pipeline's transaction.timeout.ms [5000]")
    Long transactionTimeoutMs;
    @Option(names = "--session-timeout-ms", description = "the pipeline's session.timeout.ms [6000]")
    Long sessionTimeoutMs;
    @Option(names = "--completion-timeout-seconds", description = "a run not settled by then fails [600]")
    Long completionTimeoutSeconds;
    @Option(names = "--fast-start", arity = "1", description = "child JVMs with C1 only, for quick start-ups [true]")
    Boolean fastStart;

    TortureOptions options(String name) {
        TortureOptions d = TortureOptions.longRun(name);
        return new TortureOptions(name, or(documents, d.documents()),
                feedSeconds == null ? d.feedTime() : Duration.ofSeconds(feedSeconds), or(confirmIds, d.confirmIds()),
                or(sendsPerConfirm, d.sendsPerConfirm()), or(kills, d.kills()),
                pauseSeconds == null ? d.pause() : Duration.ofSeconds(pauseSeconds),
                transactionTimeoutMs == null ? d.transactionTimeout() : Duration.ofMillis(transactionTimeoutMs),
                sessionTimeoutMs == null ? d.sessionTimeout() : Duration.ofMillis(sessionTimeoutMs),
                completionTimeoutSeconds == null ? d.completionTimeout() : Duration.ofSeconds(completionTimeoutSeconds),
                fastStart == null ? d.fastStart() : fastStart);
    }

    private static <T> T or(T given, T fallback) {
        return given == null ? fallback : given;
    }

    @Override
    public Integer call() throws Exception {
        Quiet.logging();
        List<String> scenarios = scenario == Scenario.all ? List.of("kill9", "zombie", "rebalance", "broker")
                : List.of(scenario.name());
        System.out.println("# docpipe torture: " + scenarios);
        Machine.describe().forEach((k, v) -> System.out.println("  " + k + ": " + v));
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        List<Scenarios.Result> results = new ArrayList<>();
        for (String name : scenarios) {
            results.add(Scenarios.run(bootstrap, options(name)));
        }
        System.out.println("== summary");
        for (Scenarios.Result r : results) {
            System.out.println("  %-9s %s  lost %d, duplicated %d, %.0f s".formatted(r.scenario(),
                    r.passed() ? "PASS" : "FAIL", r.verdict().totalLost(), r.verdict().totalDuplicated(),
                    r.seconds()));
        }
        System.out.println("load average at end: " + Machine.loadAverage());
        return results.stream().allMatch(Scenarios.Result::passed) ? 0 : SCENARIO_FAILED;
    }
}
