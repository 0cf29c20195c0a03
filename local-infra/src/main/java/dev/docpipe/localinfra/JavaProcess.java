package dev.docpipe.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code main} class in its own JVM, so crash tests can {@code kill -9} it without killing the
 * test. Same java binary and classpath as the test JVM; output goes to a file under
 * {@code target/java-processes/} (relative to the working directory, which is the module directory
 * under surefire) that survives the test for post-mortems.
 */
public final class JavaProcess implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A failed test must not leave a stream thread running against the next test's topics.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "java-process-reaper"));
    }

    private final String mainClass;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private final Path logFile;
    private Process process;

    private JavaProcess(String mainClass) {
        this.mainClass = mainClass;
        String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        this.logFile = Path.of("target", "java-processes",
                simpleName + "-" + stamp + "-" + COUNTER.incrementAndGet() + ".log").toAbsolutePath();
    }

    public static JavaProcess of(Class<?> mainClass) {
        return new JavaProcess(mainClass.getName());
    }

    public static JavaProcess of(String mainClassName) {
        return new JavaProcess(mainClassName);
    }

    public JavaProcess jvmArgs(String... jvmArgs) {
        this.jvmArgs.addAll(List.of(jvmArgs));
        return this;
    }

    /** Added to (or overriding) the environment inherited from the test JVM. */
    public JavaProcess env(String name, String value) {
        this.env.put(name, value);
        return this;
    }

    public JavaProcess args(String... args) {
        this.args.addAll(List.of(args));
        return this;
    }

    public JavaProcess start() {
        if (process != null) {
            throw new IllegalStateException("already started: " + process.pid());
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass, e);
        }
        LIVE.add(process);
        process.onExit().thenAccept(LIVE::remove);
        return this;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public boolean isAlive() {
        return process().isAlive();
    }

    public long pid() {
        return process().pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL: no shutdown hooks, no flushes, no transaction aborts, as in a real crash. Returns once it is gone. */
    public void kill9() {
        Process p = process();
        p.destroyForcibly();
        if (!waitFor(p, Duration.ofSeconds(30))) {
            throw new IllegalStateException("pid " + p.pid() + " still alive 30 s after SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if the JVM has not exited after 10 s. Returns the exit code. */
    public int stop() {
        return stop(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if the JVM has not exited within {@code grace}. Returns the exit code. */
    public int stop(Duration grace) {
        Process p = process();
        p.destroy();
        if (!waitFor(p, grace)) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(30));
        }
        return p.exitValue();
    }

    /** Kills the process if still running, so try-with-resources cleans up after failed assertions. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }

    /**
     * Waits until a line of the log contains {@code substring} and returns that line. Fails early,
     * with the log in the message, if the process exits without printing it.
     */
    public String awaitLogLine(String substring, Duration timeout) {
        Process p = process();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !p.isAlive(); // read before the log: a last line may race the exit
            Optional<String> line = findLine(substring);
            if (line.isPresent()) {
                return line.get();
            }
            if (exited) {
                throw new IllegalStateException("process exited with " + p.exitValue()
                        + " without logging '" + substring + "':\n" + readLog());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no log line containing '" + substring + "' in " + logFile
                        + " within " + timeout);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> findLine(String substring) {
        return readLog().lines().filter(l -> l.contains(substring)).findFirst();
    }

    private String readLog() {
        try {
            // Not Files.readString: it throws on a multi-byte character cut in half by a live writer.
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process process() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process;
    }
}
