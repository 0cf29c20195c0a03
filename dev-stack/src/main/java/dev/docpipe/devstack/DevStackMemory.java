package dev.docpipe.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dev stack's memory settings, in one place: one developer, a few documents, everything on one
 * laptop. Each is sized for that and applies to the dev stack only; the services' own defaults (what
 * production and the benchmarks run) are not changed. Why each one, and what it saved, is in
 * docs/configuration.md ("Memory"); scripts/measure-memory.sh measures a running stack.
 */
final class DevStackMemory {
    private DevStackMemory() {}

    /**
     * The broker's log cleaner allocates its whole dedupe buffer on the heap at start (128 MiB by
     * default), however little there is to compact; 16 MiB still maps over half a million keys per pass.
     */
    static final Map<String, String> BROKER = Map.of("log.cleaner.dedupe.buffer.size", Long.toString(16L << 20));

    /**
     * PostgreSQL's defaults here (zonky's) are sized for many clients: 300 connection slots, 128 MiB of
     * shared buffers, three I/O workers. The dev stack has one pool and a few operator sessions.
     */
    static final Map<String, String> POSTGRES = Map.of(
            "max_connections", "40",
            "shared_buffers", "16MB",
            "io_workers", "1");

    /**
     * api-service's pool: 20 connections by default, each a PostgreSQL process of its own that maps the
     * server's binaries and shared memory; one developer's requests need a few.
     */
    static final Map<String, String> API_ENVIRONMENT = Map.of("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5");

    /**
     * The child JVMs: C1 only and the serial collector start Spring Boot markedly sooner when three JVMs
     * start at once on a few cores. Without -Xms the JVM starts with 1/64 of the machine's memory
     * committed, and the young generation, which is touched in full between collections, is a third of
     * it; from a small start the serial collector grows the heap only as the live set needs. The maximum
     * leaves room above the live set for an upload (api-service) or pages rendered at 300 dpi for OCR
     * (workers, whose live set already holds Tika's language profiles).
     */
    static List<String> jvmOptions(Path jar) {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        options.add(jar.getFileName().toString().startsWith(Service.API.module()) ? "-Xmx192m" : "-Xmx384m");
        options.add("-Xms32m");
        return List.copyOf(options);
    }
}
