package dev.docpipe.bench.torture;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of one torture scenario. The defaults are the long (documented) versions ({@code bench torture}); the JUnit
 * tests use {@link #shortRun(String)}.
 *
 * @param feedTime registrations are spread evenly over this long, so that faults land while work flows
 * @param kills kill -9 of the Streams JVM (scenario kill9); broker restarts, alternately kill -9 and clean
 *     (scenario broker)
 * @param pause how long the zombie stays SIGSTOPped (scenario zombie); must exceed the transaction timeout
 *     plus the broker's abort check interval (transaction.abort.timed.out.transaction.cleanup.interval.ms,
 *     10 s by default) and the session timeout
 */
public record TortureOptions(
        String scenario,
        int documents,
        Duration feedTime,
        int confirmIds,
        int sendsPerConfirm,
        int kills,
        Duration pause,
        Duration transactionTimeout,
        Duration sessionTimeout,
        Duration completionTimeout,
        boolean fastStart) {

    public static TortureOptions longRun(String scenario) {
        return new TortureOptions(scenario, 10_000, Duration.ofSeconds(scenario.equals("kill9") || scenario.equals("broker") ? 75 : 45), 4, 2, 5,
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofMinutes(10), true);
    }

    public static TortureOptions shortRun(String scenario) {
        return switch (scenario) {
            case "kill9" -> new TortureOptions(scenario, 400, Duration.ofSeconds(25), 4, 2, 3, Duration.ZERO,
                    Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(300), true);
            case "zombie" -> new TortureOptions(scenario, 300, Duration.ofSeconds(25), 4, 2, 0, Duration.ofSeconds(17),
                    Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(300), true);
            case "rebalance" -> new TortureOptions(scenario, 300, Duration.ofSeconds(15), 4, 2, 0, Duration.ZERO,
                    Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(300), true);
            case "broker" -> new TortureOptions(scenario, 300, Duration.ofSeconds(25), 4, 2, 2, Duration.ZERO,
                    Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(300), true);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documents);
        m.put("commands per document", (2 + confirmIds * sendsPerConfirm) + " (RegisterDocument x2 with one id, "
                + confirmIds + " ConfirmScan ids x" + sendsPerConfirm + ")");
        m.put("registrations spread over", feedTime.toSeconds() + " s");
        switch (scenario) {
            case "kill9" -> m.put("kill -9 of the Streams JVM", kills + " times, 1-4 s after each (re)start");
            case "zombie" -> m.put("SIGSTOP / transaction.timeout.ms / session.timeout.ms",
                    pause.toSeconds() + " s / " + transactionTimeout.toMillis() + " / " + sessionTimeout.toMillis());
            case "rebalance" -> m.put("num.standby.replicas / session.timeout.ms", "1 / " + sessionTimeout.toMillis());
            case "broker" -> m.put("broker restarts (kill -9, clean, alternating; own broker JVM)", kills);
            default -> { }
        }
        m.put("child JVM start-up flags", fastStart ? "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m"
                : "-XX:+UseSerialGC -Xmx384m");
        return m;
    }
}
