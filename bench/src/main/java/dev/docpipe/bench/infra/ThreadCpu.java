package dev.docpipe.bench.infra;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * {@link ResourceMeter}'s per-thread view of this JVM: CPU time per Java thread (ThreadMXBean), and from
 * Linux's per-thread schedstat the CPU of threads Java does not list (GC, JIT, RocksDB's background
 * threads) and how long runnable threads waited for a CPU (other processes on the machine included).
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ThreadGroups groups;
    private final Map<Long, Long> threadCpu = new HashMap<>();
    private final Map<Long, String> threadNames = new HashMap<>();
    private final Map<String, Long> osCpu = new HashMap<>();
    private final Map<String, Long> osWait = new HashMap<>();

    private ThreadCpu(ThreadGroups groups) {
        this.groups = groups;
    }

    static ThreadCpu snapshot(ThreadGroups groups) {
        ThreadCpu s = new ThreadCpu(groups);
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            long time = info == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                s.threadCpu.put(info.getThreadId(), time);
                s.threadNames.put(info.getThreadId(), info.getThreadName());
            }
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    for (String g : new String[] {groups.ofOsThread(comm), "all"}) {
                        s.osCpu.merge(g, Long.parseLong(sched[0]), Long::sum);
                        s.osWait.merge(g, Long.parseLong(sched[1]), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux: no native breakdown
        }
        return s;
    }

    Breakdown until(ThreadCpu later, double wallSeconds, double processCpuSeconds) {
        Map<String, Long> java = new LinkedHashMap<>();
        groups.javaGroups().forEach(g -> java.put(g, 0L));
        later.threadCpu.forEach((id, cpu) -> java.merge(groups.ofJavaThread(later.threadNames.get(id)),
                Math.max(0, cpu - threadCpu.getOrDefault(id, 0L)), Long::sum));
        return new Breakdown(groups, wallSeconds, processCpuSeconds, java, minus(later.osCpu, osCpu),
                minus(later.osWait, osWait));
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
        return delta;
    }

    /** CPU and run-queue wait in nanoseconds per group over a measured phase. */
    public record Breakdown(ThreadGroups groups, double wallSeconds, double processCpuSeconds,
            Map<String, Long> javaCpu, Map<String, Long> osCpu, Map<String, Long> osWait) {
        /** Cores a group kept busy on average over the phase. */
        public double cores(String group) {
            return javaCpu.getOrDefault(group, osCpu.getOrDefault(group, 0L)) / 1e9 / wallSeconds;
        }

        public double cpuSeconds(String group) {
            return javaCpu.getOrDefault(group, 0L) / 1e9;
        }

        public String describe() {
            StringJoiner parts = new StringJoiner(", ");
            groups.javaGroups().forEach(g -> parts.add("%s %.2f".formatted(g, cores(g))));
            groups.nativeGroups().forEach(g -> parts.add("%s %.2f".formatted(g, cores(g))));
            String first = groups.javaGroups().getFirst();
            return ("process %.2f cores of %d: %s%n  waiting for a CPU while runnable: %s(s) %.0f %% of the phase, "
                    + "all threads %.2f cores").formatted(processCpuSeconds / wallSeconds,
                    Runtime.getRuntime().availableProcessors(), parts, first,
                    100 * osWait.getOrDefault(first, 0L) / 1e9 / wallSeconds,
                    osWait.getOrDefault("all", 0L) / 1e9 / wallSeconds);
        }
    }
}
