package dev.docpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.bench.confirm.ConfirmCommand;
import dev.docpipe.bench.confirm.ConfirmOptions;
import dev.docpipe.bench.curves.CurvesCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The wiring of the one entry point, without running a benchmark: every subcommand is reachable, documents
 * itself, and bad options are refused with exit status 2 before anything starts.
 */
class BenchCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = Bench.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("pipeline", "http", "replay", "workers", "confirm", "torture", "waiters",
                "peer", "curves");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipeline", "http", "replay", "workers", "confirm", "torture", "waiters", "peer", "curves"})
    void everySubcommandDescribesItsOptions(String subcommand) {
        assertThat(execute(subcommand, "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: bench " + subcommand);
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() {
        assertThat(execute("pipeline", "--documents", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--documents must be at least 100");
        assertThat(execute("pipeline", "--no-such-option")).isEqualTo(2);
        assertThat(execute("torture", "everything")).isEqualTo(2);
        assertThat(execute("confirm", "--approaches", "docpipe,carrier-pigeon")).isEqualTo(2);
        assertThat(execute("nonsense")).isEqualTo(2);
    }

    @Test
    void peerAndCurvesRefuseBadOptionsBeforeStartingAnything() {
        assertThat(execute("peer", "--clients", "64,0")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be positive counts");
        assertThat(execute("peer", "--crash-documents", "-1")).isEqualTo(2);
        assertThat(execute("peer", "--restart-timeout-seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--restart-timeout-seconds must be at least 1");
        assertThat(execute("curves", "--sizes", "100000,10000")).isEqualTo(2);
        assertThat(err.toString()).contains("--sizes must be ascending, each at least 100");
        assertThat(execute("curves", "--sizes", "50")).isEqualTo(2);
        assertThat(execute("curves", "--read-clients", "0")).isEqualTo(2);
    }

    @Test
    void curvesDefaultsAreTheDocumentedRun() {
        CommandLine commandLine = Bench.commandLine();
        commandLine.parseArgs("curves");
        CurvesCommand curves = commandLine.getSubcommands().get("curves").getCommand();
        CurvesCommand.Settings settings = curves.settings();
        assertThat(settings.sizes()).containsExactly(10_000, 100_000, 1_000_000);
        assertThat(settings.charts()).isEqualTo(Path.of("docs/perf/curves"));
        assertThat(settings.childDocuments()).isEqualTo(1_000);
        assertThat(settings.partitions()).isEqualTo(12);

        commandLine = Bench.commandLine();
        commandLine.parseArgs("curves", "--sizes", "1000,3000", "--charts", "target/curves");
        curves = commandLine.getSubcommands().get("curves").getCommand();
        assertThat(curves.settings().sizes()).containsExactly(1_000, 3_000);
        assertThat(curves.settings().charts()).isEqualTo(Path.of("target/curves"));
    }

    @Test
    void confirmOptionsKeepTheirDocumentedDefaultsAndParseLists() {
        ConfirmOptions defaults = ConfirmCommand.parse();
        assertThat(defaults.documents()).isEqualTo(2_000);
        assertThat(defaults.clients()).containsExactly(32, 1024);
        assertThat(defaults.approaches()).containsExactly("docpipe", "outbox", "lock");
        assertThat(defaults.docpipeVariants()).hasSize(2);
        assertThat(defaults.lockWaits()).containsExactly(Duration.ofSeconds(1));

        ConfirmOptions given = ConfirmCommand.parse("--clients", "8,16", "--lock-wait-ms", "1000,0",
                "--docpipe", "50+poll.ms=5", "--approaches", "outbox");
        assertThat(given.clients()).isEqualTo(List.of(8, 16));
        assertThat(given.lockWaits()).containsExactly(Duration.ofSeconds(1), Duration.ZERO);
        assertThat(given.docpipeVariants()).singleElement().satisfies(v -> {
            assertThat(v.commitInterval()).isEqualTo(Duration.ofMillis(50));
            assertThat(v.streamsOverrides()).containsEntry("poll.ms", "5");
        });
        assertThat(given.approaches()).containsExactly("outbox");
    }
}
