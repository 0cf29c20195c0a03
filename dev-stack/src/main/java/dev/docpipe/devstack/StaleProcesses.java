package dev.docpipe.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a dev stack that was killed with SIGKILL: its child JVMs and the postmaster outlive
 * it, keep ports 8080 and 5432 and lock the data. Every child's pid is recorded in {@code run/}
 * together with its start time, so a pid the OS has since reused for something else is left alone.
 */
final class StaleProcesses {
    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private StaleProcesses() {}

    static void record(Path pidFile, ProcessHandle process) {
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.writeString(pidFile, process.pid() + "\n" + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void forget(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("could not delete {}", pidFile, e);
        }
    }

    /** Stops every process recorded in {@code runDir} that is still the process that was recorded. */
    static void stopRecorded(Path runDir) {
        try (var files = Files.list(runDir)) {
            for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                recorded(pidFile).ifPresent(p -> {
                    log.warn("stopping pid {} left over from a previous dev stack ({})", p.pid(), pidFile.getFileName());
                    stop(p, false);
                });
                forget(pidFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> recorded(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            return Optional.empty();
        }
        String started = lines.size() > 1 ? lines.get(1).strip() : "";
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(started));
    }

    /** The postmaster of {@code pgData}, if one still runs (its pid is the first line of postmaster.pid). */
    static void stopOrphanedPostmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().command().orElse("").endsWith("postgres"));
            postmaster.ifPresent(p -> {
                log.warn("stopping the PostgreSQL server (pid {}) a previous dev stack left running", p.pid());
                stop(p, true);
            });
        } catch (IOException | NumberFormatException e) {
            log.warn("could not read {}; PostgreSQL may refuse to start", pidFile, e);
        }
    }

    /**
     * SIGTERM (or SIGINT, PostgreSQL's "fast" shutdown that ends open sessions), then SIGKILL
     * after the grace period.
     */
    private static void stop(ProcessHandle p, boolean sigint) {
        if (sigint) {
            signalInt(p.pid());
        } else {
            p.destroy();
        }
        try {
            p.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("pid {} still running after {}; killing it", p.pid(), GRACE);
            p.destroyForcibly();
        }
    }

    private static void signalInt(long pid) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
