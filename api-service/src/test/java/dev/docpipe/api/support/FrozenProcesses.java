package dev.docpipe.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a server and every process it forked with SIGSTOP, as a hung host or a stalled VM does: its
 * sockets stay open and accept connections, but nothing answers (unlike a crash, which clients notice at
 * once). {@link #close} resumes them with SIGCONT.
 */
public final class FrozenProcesses implements AutoCloseable {
    private final List<Long> pids;
    private boolean frozen = true;

    private FrozenProcesses(List<Long> pids) {
        this.pids = pids;
    }

    /** Stops {@code root} first, so it cannot fork a child between the listing and the stopping. */
    public static FrozenProcesses freeze(ProcessHandle root) {
        signal("-STOP", List.of(root.pid()));
        List<Long> all = new ArrayList<>();
        all.add(root.pid());
        root.descendants().forEach(p -> all.add(p.pid()));
        signal("-STOP", all.subList(1, all.size()));
        return new FrozenProcesses(all);
    }

    @Override
    public void close() {
        if (frozen) {
            frozen = false;
            signal("-CONT", pids.reversed());
        }
    }

    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
