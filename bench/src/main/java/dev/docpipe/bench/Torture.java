package dev.docpipe.bench;

import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.torture.Scenarios;
import dev.docpipe.bench.torture.TortureOptions;
import dev.docpipe.localinfra.KafkaBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exactly-once torture suite against the real pipeline-streams service (child JVMs) and the in-process
 * KRaft broker (scenario broker: a broker in its own JVM, restarted). Usage: {@code Torture
 * <kill9|zombie|rebalance|broker|all> [--documents N] [--feed-seconds S]
 * [--kills K] [--pause-seconds S] [--transaction-timeout-ms MS] [--session-timeout-ms MS]
 * [--completion-timeout-seconds S] [--fast-start true|false]}; defaults are the long versions
 * (10,000 documents = 100,000 commands). Prints a verdict per scenario; exit status 0 only if every
 * scenario found 0 lost and 0 duplicated.
 */
public final class Torture {
    private Torture() {}

    public static void main(String[] args) {
        Quiet.logging();
        int status = 1;
        try {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("usage: Torture <kill9|zombie|rebalance|broker|all> [--option value]...");
            }
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String key = args[i].substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    given.put(key.substring(0, eq), key.substring(eq + 1));
                } else {
                    given.put(key, args[++i]);
                }
            }
            List<String> scenarios = args[0].equals("all") ? List.of("kill9", "zombie", "rebalance", "broker") : List.of(args[0]);
            System.out.println("# docpipe torture: " + scenarios);
            Machine.describe().forEach((k, v) -> System.out.println("  " + k + ": " + v));
            String bootstrap = KafkaBroker.shared().bootstrapServers();
            List<Scenarios.Result> results = new ArrayList<>();
            for (String scenario : scenarios) {
                results.add(Scenarios.run(bootstrap, TortureOptions.parse(scenario, given)));
            }
            System.out.println("== summary");
            for (Scenarios.Result r : results) {
                System.out.println("  %-9s %s  lost %d, duplicated %d, %.0f s".formatted(r.scenario(),
                        r.passed() ? "PASS" : "FAIL", r.verdict().totalLost(), r.verdict().totalDuplicated(),
                        r.seconds()));
            }
            System.out.println("load average at end: " + Machine.loadAverage());
            status = results.stream().allMatch(Scenarios.Result::passed) ? 0 : 3;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Throwable e) {
            System.err.println("TORTURE FAILED: " + e);
            e.printStackTrace();
        }
        // -XX:StartFlightRecording=filename=...: halt() skips JFR's dump-on-exit hook, so stop it here.
        if (jdk.jfr.FlightRecorder.isAvailable() && jdk.jfr.FlightRecorder.isInitialized()) {
            jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().forEach(jdk.jfr.Recording::stop);
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }
}
