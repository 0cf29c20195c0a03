package dev.docpipe.bench;

import dev.docpipe.bench.confirm.ConfirmCommand;
import dev.docpipe.bench.curves.CurvesCommand;
import dev.docpipe.bench.http.HttpBenchmark;
import dev.docpipe.bench.peer.PeerBenchmark;
import dev.docpipe.bench.pipeline.PipelineCommand;
import dev.docpipe.bench.replay.ReplayBenchmark;
import dev.docpipe.bench.torture.TortureCommand;
import dev.docpipe.bench.waiters.WaitersBenchmark;
import dev.docpipe.bench.workers.WorkerBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of every docpipe benchmark: {@code scripts/bench.sh <subcommand> [options]}, which
 * builds and runs {@code java -jar bench/target/bench.jar}; bench/README.md describes each subcommand.
 *
 * <p>Exit status: 0 once a benchmark printed its figures (whatever they are) or the torture suite found
 * nothing lost or duplicated, 1 if a run failed, 2 on bad options, 3 if a torture scenario failed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "docpipe bench",
        description = "Runs one docpipe benchmark on this machine, against an in-process KRaft broker and an "
                + "embedded PostgreSQL, and prints what it measured.",
        subcommands = {PipelineCommand.class, HttpBenchmark.class, ReplayBenchmark.class, WorkerBenchmark.class,
                ConfirmCommand.class, TortureCommand.class, WaitersBenchmark.class, PeerBenchmark.class,
                CurvesCommand.class})
public final class Bench {
    public static void main(String[] args) {
        int status = commandLine().execute(args);
        // -XX:StartFlightRecording=filename=...: halt() skips JFR's dump-on-exit hook, so stop it here.
        if (jdk.jfr.FlightRecorder.isAvailable() && jdk.jfr.FlightRecorder.isInitialized()) {
            jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().forEach(jdk.jfr.Recording::stop);
        }
        System.out.flush();
        System.err.flush();
        // The embedded broker's and PostgreSQL's shutdown hooks are not worth waiting for (and race the
        // deletion of their directories): the figures are printed by now.
        Runtime.getRuntime().halt(status);
    }

    /** The command line with every subcommand; a failed run prints its stack trace and exits 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new Bench())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    System.err.println("BENCHMARK FAILED: " + e);
                    e.printStackTrace();
                    return CommandLine.ExitCode.SOFTWARE;
                });
    }
}
