package dev.docpipe.bench.curves;

import dev.docpipe.bench.infra.ProcStat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What each process of a curves run holds after its last size: resident memory ({@code VmRSS} of
 * /proc/PID/status) and, for a JVM, its heap as {@code jcmd PID GC.heap_info} reports it (used and committed, as
 * the collector counts them). PostgreSQL is many processes sharing their buffers, so it is reported as the summed
 * PSS of its tree instead of a misleading sum of RSS.
 */
final class ServiceMemory {
    private ServiceMemory() {}

    /** One process to report: what runs in it, its pid, and whether it is a JVM ({@code jcmd} can ask it). */
    record Service(String name, long pid, boolean jvm) {}

    static void print(PrintStream out, List<Service> services, long postmasterPid) {
        out.printf("%nMemory after the last size:%n%n| process | pid | RSS MB | heap (jcmd GC.heap_info) |%n|---|---:|---:|---|%n");
        for (Service service : services) {
            out.printf("| %s | %d | %,.0f | %s |%n", service.name(), service.pid(), rssKb(service.pid()) / 1024.0,
                    service.jvm() ? heapInfo(service.pid()) : "");
        }
        if (postmasterPid > 0) {
            out.printf("| PostgreSQL (postmaster and backends; summed PSS, not RSS) | %d | %,.0f | |%n", postmasterPid,
                    ProcStat.treePssMb(Set.of(postmasterPid)));
        }
    }

    /** VmRSS in KiB, or -1 if the process is gone or this is not Linux. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return -1;
    }

    /** The heap lines of {@code jcmd PID GC.heap_info}, on one line (their wording depends on the collector). */
    static String heapInfo(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "jcmd failed: " + output.strip().lines().findFirst().orElse("");
            }
            return summary(output);
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The lines that size the heap (G1/Parallel: "... total NK, used NK"; ZGC: "ZHeap used NM, capacity NM ..."). */
    static String summary(String jcmdOutput) {
        return jcmdOutput.lines().map(String::strip)
                .filter(l -> l.contains("used") && (l.contains("total") || l.contains("capacity")))
                .map(l -> l.replaceAll("\\s+", " ").replaceAll(" \\[.*", ""))
                .collect(Collectors.joining("; "));
    }
}
