package dev.docpipe.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service in its own JVM, started exactly like its jar in production ({@code java -jar}, the
 * environment from {@link ServiceEnvironment}), its output appended to a log file. Its pid is
 * recorded so a later start can clean up if this launcher dies without stopping it.
 */
public final class ServiceProcess implements AutoCloseable {
    /** Longer than the workers' shutdown grace (30 s): a running OCR job may finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logStart;
    private final Path pidFile;

    private ServiceProcess(String name, Process process, Path logFile, long logStart, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
        this.pidFile = pidFile;
    }

    /** @param pidFile where the pid is recorded while it runs; null records nothing */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, Path logFile, Path pidFile) {
        return start(name, jar, env, null, logFile, pidFile);
    }

    /**
     * @param workDir the process's working directory (relative paths in its configuration resolve
     *     there); null = this launcher's
     * @param pidFile where the pid is recorded while it runs; null records nothing
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, Path workDir, Path logFile,
            Path pidFile) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(DevStackMemory.jvmOptions(jar)); // JVM tuning only, no configuration
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "\n===== " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long logStart = Files.size(logFile);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (pidFile != null) {
                StaleProcesses.record(pidFile, process.toHandle());
            }
            return new ServiceProcess(name, process, logFile, logStart, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " from " + jar, e);
        }
    }

    /** The JVM running this launcher: the one scripts/dev-stack.sh chose (>= 21). */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits until {@code url} answers 200 (e.g. the readiness probe, which checks Kafka and the database). */
    public void awaitHttpOk(URI url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
        awaitCondition("GET " + url + " answering 200", timeout, () -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Waits until this run's output has a line containing {@code text}. */
    public void awaitLogLine(String text, Duration timeout) {
        awaitCondition("a log line containing '" + text + "'", timeout, () -> outputSinceStart().contains(text));
    }

    private interface Check {
        boolean ok() throws InterruptedException;
    }

    private void awaitCondition(String what, Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!check.ok()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " before " + what + "; see " + logFile + ":\n" + tail(40));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " not ready after " + timeout + " (waiting for " + what
                            + "); see " + logFile + ":\n" + tail(40));
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private String outputSinceStart() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - logStart)];
            file.seek(logStart);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail(int lines) {
        List<String> all = outputSinceStart().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM (Spring's graceful shutdown: listeners stop, open work finishes), SIGKILL after the grace period. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (pidFile != null) {
            StaleProcesses.forget(pidFile);
        }
    }
}
