package dev.docpipe.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link ResourceMeter}'s reader of Linux's /proc: CPU time and resident memory of process trees, how the meter charges PostgreSQL
 * (postmaster and its backends), redis-server and the pipeline's child JVMs to the approach that used them.
 */
public final class ProcStat {
    /** USER_HZ: 100 on every Linux build that matters here. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_BYTES = 4096;

    private ProcStat() {}

    record Stat(long pid, long ppid, long ticks, long childTicks, long rssPages) {}

    static Stat read(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // comm may contain spaces and parentheses: the fields we want follow the last ')'.
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): field n is f[n - 3]
            return new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14]), Long.parseLong(f[21]));
        } catch (IOException | RuntimeException e) {
            return null; // gone, or not Linux
        }
    }

    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        Stat s = read(Long.parseLong(n));
                        if (s != null) {
                            children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
                        }
                    });
        } catch (IOException e) {
            // not Linux
        }
        return children;
    }

    /** The roots and all their live descendants, each once. */
    static Set<Long> trees(Set<Long> roots) {
        Map<Long, List<Long>> children = childrenByParent();
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (seen.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return seen;
    }

    /**
     * CPU seconds used so far by the trees under {@code roots}: own time of every live process plus the
     * time of children they have already reaped (so ended PostgreSQL backends still count).
     */
    public static double treeCpuSeconds(Set<Long> roots) {
        long ticks = 0;
        for (long pid : trees(roots)) {
            Stat s = read(pid);
            if (s != null) {
                ticks += s.ticks() + s.childTicks();
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * Sum of proportional set sizes in MB: resident memory with shared pages (PostgreSQL's shared buffers)
     * divided among the processes sharing them, so a tree's sum is what it really occupies. Falls back to
     * RSS where smaps_rollup is not readable.
     */
    public static double treePssMb(Set<Long> roots) {
        long kb = 0;
        for (long pid : trees(roots)) {
            long pss = pssKb(pid);
            if (pss >= 0) {
                kb += pss;
            } else {
                Stat s = read(pid);
                kb += s == null ? 0 : s.rssPages() * PAGE_BYTES / 1024;
            }
        }
        return kb / 1e3;
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not readable
        }
        return -1;
    }

    /** CPU of this JVM's children that have already exited and been reaped (killed pipeline JVMs). */
    public static double reapedChildrenCpuSeconds() {
        Stat self = read(ProcessHandle.current().pid());
        return self == null ? 0 : self.childTicks() / TICKS_PER_SECOND;
    }

    public static long parentOf(long pid) {
        Stat s = read(pid);
        return s == null ? -1 : s.ppid();
    }
}
