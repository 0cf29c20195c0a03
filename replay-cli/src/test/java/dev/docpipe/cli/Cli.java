package dev.docpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code docpipe} in-process, the way an operator would, capturing stdout and stderr. */
public final class Cli {
    /** What one run printed and returned. */
    public record Run(int exitCode, String out, String err) {
        public String firstErrLine() {
            return err.lines().findFirst().orElse("");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final List<String> defaults;

    private Cli(List<String> defaults) {
        this.defaults = defaults;
    }

    public static Cli withArgs(String... defaults) {
        return new Cli(List.of(defaults));
    }

    /** {@code subcommand...} followed by the default (global) arguments. */
    public Run run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(defaults);
        return exec(all.toArray(String[]::new));
    }

    public static Run exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DocpipeCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        Run run = new Run(code, out.toString(), err.toString());
        // Kept in target/surefire-reports/*-output.txt: what an operator would have seen.
        System.out.println("$ docpipe " + String.join(" ", args) + "\n" + run);
        return run;
    }
}
