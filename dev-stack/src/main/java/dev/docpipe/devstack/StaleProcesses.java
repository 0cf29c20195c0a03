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
 * Cleans up after a dev stack that was killed with SIGKILL: its child JVMs outlive it and keep their
 * ports (StandalonePostgres stops an orphaned postmaster itself). Every child's pid is recorded in
 * {@code run/} together with its start time, so a pid the OS has since reused is left alone.
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
                    stop(p);
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

    /** SIGTERM, then SIGKILL after the grace period. */
    private static void stop(ProcessHandle p) {
        p.destroy();
        try {
            p.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("pid {} still running after {}; killing it", p.pid(), GRACE);
            p.destroyForcibly();
        }
    }
}
