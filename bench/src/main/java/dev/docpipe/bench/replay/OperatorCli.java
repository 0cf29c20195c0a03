package dev.docpipe.bench.replay;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code docpipe} (replay-cli) in a child JVM as an operator runs it, with bin/docpipe's JVM options: its
 * executable jar if it was packaged, else this classpath's main classes. Standard output is returned (the
 * {@code --json} report), standard error goes to this process's.
 */
public final class OperatorCli {
    /** @param wallMillis from starting the JVM to its exit */
    public record Run(int exitCode, String out, long wallMillis) {}

    private OperatorCli() {}

    /** @param extraJvmArgs more JVM options, after bin/docpipe's; blank for none */
    public static Run run(String extraJvmArgs, String... args) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx4g", "-XX:+UseParallelGC",
                "-Xlog:jfr+startup=error"));
        String extra = extraJvmArgs.strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        File[] jars = new File("replay-cli/target").listFiles((d, n) -> n.endsWith("-exec.jar"));
        if (jars == null) {
            jars = new File("../replay-cli/target").listFiles((d, n) -> n.endsWith("-exec.jar"));
        }
        if (jars != null && jars.length > 0) {
            command.addAll(List.of("-jar", jars[0].getPath()));
        } else {
            String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
            command.addAll(List.of("-cp", cp, "dev.docpipe.cli.DocpipeCli"));
        }
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, out, (System.nanoTime() - started) / 1_000_000);
    }
}
