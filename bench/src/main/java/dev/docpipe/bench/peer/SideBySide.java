package dev.docpipe.bench.peer;

import dev.docpipe.bench.http.ClosedLoop;
import dev.docpipe.bench.infra.ResourceMeter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The figures of both sides as markdown tables, one row per side and client count, docpipe first. */
final class SideBySide {
    private record Steady(String side, int clients, ClosedLoop.Result result, ResourceMeter.Usage cpu) {}

    private record Crash(String side, int clients, CrashRun.Result result) {}

    private final List<Steady> steady = new ArrayList<>();
    private final List<Crash> crashes = new ArrayList<>();

    void steady(String side, int clients, ClosedLoop.Result result, ResourceMeter.Usage cpu) {
        steady.add(new Steady(side, clients, result, cpu));
    }

    /** No CPU column: the killed process's CPU cannot be told apart from its successor's. */
    void crash(String side, int clients, CrashRun.Result result) {
        crashes.add(new Crash(side, clients, result));
    }

    void print(PrintStream out) {
        out.println();
        out.println("| clients | side | req/s | p50 ms | p99 ms | CPU ms/req: server + PostgreSQL | CPU ms/req: this JVM "
                + "(clients, broker, docpipe's pipeline) | statuses |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---|");
        for (Steady s : steady) {
            long n = s.result().latencies().count();
            out.printf("| %,d | %s | %,.0f | %.1f | %.1f | %.2f | %.2f | %s |%n", s.clients(), s.side(),
                    s.result().perSecond(), s.result().latencies().percentileMs(0.50),
                    s.result().latencies().percentileMs(0.99), perRequestMs(s.cpu().externalCpuSeconds(), n),
                    perRequestMs(s.cpu().jvmCpuSeconds(), n), s.result().statuses());
        }
        if (crashes.isEmpty()) {
            return;
        }
        out.println();
        out.println("| crash variant | clients | requests | req/s | p50 ms | p99 ms | resent | down s | OCR jobs "
                + "| duplicates | lost | statuses |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Crash c : crashes) {
            CrashRun.Result r = c.result();
            out.printf("| %s | %,d | %,d | %,.0f | %.1f | %.1f | %,d | %.1f | %,d | %,d | %,d | %s |%n", c.side(),
                    c.clients(), r.requests(), r.requests() / r.seconds(), r.latencies().percentileMs(0.50),
                    r.latencies().percentileMs(0.99), r.errors(), r.downSeconds(), r.jobs(), r.duplicates(), r.lost(),
                    r.statuses());
        }
    }

    private static double perRequestMs(double cpuSeconds, long requests) {
        return requests == 0 ? 0 : cpuSeconds * 1e3 / requests;
    }
}
