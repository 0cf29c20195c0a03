package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.bench.infra.ThreadCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Prints each phase as it ends, and the compact table at the end. */
final class Report {
    static final double CEILING_TARGET = 0.80;
    static final double P99_TARGET_MS = 150;

    private final PipelineOptions options;
    private final List<String> table = new ArrayList<>();
    private Workload.Stats workload;
    private StreamsRun.Measured ceiling;
    private StreamsRun.Measured ioCeiling;
    private StreamsRun.Measured eos;
    private StreamsRun.Measured alos;
    private Footprint.StoreValues values;
    private long stateBytes;
    private final Map<String, LatencyProbe.Result> latencies = new java.util.LinkedHashMap<>();
    private String standardLatency;

    private final long started = System.nanoTime();

    Report(PipelineOptions options) {
        this.options = options;
    }

    /** Elapsed time since the start, so that slow steps between phases show. */
    private String at() {
        return "(%+4.0fs) ".formatted((System.nanoTime() - started) / 1e9);
    }

    void machine() {
        System.out.printf("== docpipe pipeline benchmark ==%n  %s%n  options: %s%n", machineLine(), options);
    }

    void workload(Workload.Stats stats, Map<TopicPartition, Long> end) {
        workload = stats;
        long offsets = end.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("""
                %s[workload] %,d documents, %,d records (%.2f per document): %,d commands + %,d job results; \
                %,d duplicates (%.1f %% of records, same commandId re-sent)
                  per document in order: RegisterDocument, ScanSucceeded, 1-3 ConfirmScan, Rescan(1), OcrSucceeded, \
                EditReview; %d documents interleaved at a time
                  expected outcomes: %s
                  produced %,.0f MB of JSON in %.1f s (%,.0f records/s; idempotent, lz4, batch 256 KiB, linger 20 ms); \
                input end offsets: %,d on %d partitions%n""",
                at(), stats.documents(), stats.records(), (double) stats.records() / stats.documents(), stats.commands(),
                stats.results(), stats.duplicates(), 100.0 * stats.duplicates() / stats.records(),
                options.activeDocuments(), stats.expected(), stats.bytes() / 1e6, stats.seconds(),
                stats.records() / stats.seconds(), offsets, end.size());
        if (offsets != stats.records()) {
            throw new IllegalStateException("input topics hold " + offsets + " records, expected " + stats.records());
        }
    }

    void warmup(double fraction, StreamsRun.Measured measured) {
        System.out.printf(at() + "[warm-up] decider EOS on the first %.0f %% of the input, not counted: %,.0f records/s%n",
                100 * fraction, measured.perSecond());
    }

    void ceiling(StreamsRun.Measured measured) {
        ceiling = phase(measured, "pass-through, bytes, no store (ceiling)", "exactly_once_v2");
    }

    void ioCeiling(StreamsRun.Measured measured) {
        ioCeiling = phase(measured, "I/O-matched: store r/w + 2 outputs", "exactly_once_v2");
    }

    void deciderVariant(StreamsRun.Measured measured, Map<String, String> settings) {
        phase(measured, "decider + " + settings, "exactly_once_v2");
    }

    void eos(StreamsRun.Measured measured) {
        eos = phase(measured, "decider (real topology)", "exactly_once_v2");
    }

    /** {@code --sealed}: the pipeline's throughput on sealed personal fields against plain ones, same run. */
    void sealedComparison(Workload.Stats plain, Workload.Stats sealed, double plainRate, double sealedRate) {
        System.out.printf(at() + "[sealed personal fields] input %,.0f bytes plain, %,.0f sealed (%+.1f %%); produced"
                        + " at %,.0f records/s plain, %,.0f sealed (a data key row per document and AES-GCM per field,"
                        + " as the API does)%n", (double) plain.bytes(), (double) sealed.bytes(),
                100.0 * (sealed.bytes() - plain.bytes()) / plain.bytes(), plain.records() / plain.seconds(),
                sealed.records() / sealed.seconds());
        double loss = 100.0 * (plainRate - sealedRate) / plainRate;
        System.out.printf("  decider EOS: plain %,.0f records/s, sealed %,.0f records/s = %.1f %% of plain (loss"
                + " target <= 15 %%: %s)%n", plainRate, sealedRate, 100.0 * sealedRate / plainRate,
                loss <= 15 ? "met" : "MISSED");
    }

    void alos(StreamsRun.Measured measured) {
        alos = phase(measured, "decider (real topology)", "at_least_once");
    }

    private StreamsRun.Measured phase(StreamsRun.Measured m, String what, String guarantee) {
        ResourceMeter.Usage u = m.usage();
        ThreadCpu.Breakdown threads = u.threads().orElseThrow();
        double streamMicros = 1e6 * threads.cpuSeconds(StreamsThreadGroups.STREAM_THREAD) / m.records();
        double processMicros = 1e6 * u.jvmCpuSeconds() / m.records();
        System.out.printf(at() + "[%s] %,d input records in %.1f s = %,.0f records/s (startup %.1f s excluded); CPU per "
                + "record: stream thread %.0f us, whole process %.0f us%n  CPU: %s%n", m.name(), m.records(), m.seconds(),
                m.perSecond(), m.startupSeconds(), streamMicros, processMicros, u.describeThreads());
        table.add("  %-40s %-16s %,9.0f %7.1f %6.2f %6.2f %8.0f %8.0f".formatted(what, guarantee, m.perSecond(),
                m.seconds(), u.jvmCpuSeconds() / m.seconds(), threads.cores(StreamsThreadGroups.STREAM_THREAD), streamMicros,
                processMicros));
        return m;
    }

    void written(Map<String, Long> grown, Map<String, Long> records, String appId) {
        long total = grown.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder parts = new StringBuilder();
        grown.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                parts.append(parts.isEmpty() ? "" : ", ").append("%s %.1f MB / %.2f rec".formatted(
                        e.getKey().replace(appId + "-", "<app>-"), e.getValue() / 1e6,
                        (double) records.getOrDefault(e.getKey(), 0L) / workload.records())));
        long written = records.entrySet().stream().filter(e -> !e.getKey().startsWith("__"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("  written to the broker during the run: %.1f MB compressed = %,.0f bytes and %.2f records "
                + "(transaction markers included) per input record; per topic, MB and records per input record: %s%n",
                total / 1e6, (double) total / workload.records(), (double) written / workload.records(), parts);
    }

    void storeValues(Footprint.StoreValues v, Map<TopicPartition, Long> dlq) {
        values = v;
        long deadLetters = dlq.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("  store after the run: %,d documents, states %s, review v1: %,d; docpipe.dlq: %,d records%n"
                + "  StoredDocument (store format): mean %,.0f bytes (document %,.0f + %.1f remembered outcomes); serde CPU per "
                + "value, measured now: write %.1f us, read %.1f us (the Document alone: write %.1f us, read %.1f us)%n",
                v.documents(), v.states(), v.reviewed(), deadLetters, v.meanBytes(), v.meanDocumentBytes(),
                v.meanRemembered(), v.writeMicros(), v.readMicros(), v.documentWriteMicros(), v.documentReadMicros());
        if (v.documents() != workload.documents() || v.reviewed() != workload.documents() || deadLetters > 0) {
            System.out.println("  WARNING: the workload did not play out as planned; the figures above are suspect");
        }
    }

    void stateDir(Map<String, Long> bytes) {
        stateBytes = bytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(at() + "state dir after close: %.1f MB (%s) = %,.0f bytes per document%n", stateBytes / 1e6,
                bytes, (double) stateBytes / workload.documents());
    }

    /** @param standard whether this is the production configuration (default commit interval, no overrides) */
    void latency(int round, String label, boolean standard, LatencyProbe.Result r, ResourceMeter.Usage usage) {
        latencies.merge(label, r, LatencyProbe.Result::plus);
        standardLatency = standard ? label : standardLatency;
        System.out.printf(at() + "[latency, round %d]%s%n  CPU: %s%n", round, latencyLine(label, r), usage.describeThreads());
    }

    private String latencyLine(String label, LatencyProbe.Result r) {
        return (" command -> scan job visible (read_committed), %s: p50 %6.1f  p90 %6.1f  p99 %6.1f  max %6.1f ms  "
                + "(%,d commands at %d/s, %d missing)").formatted(label, r.percentileMillis(0.5),
                r.percentileMillis(0.9), r.percentileMillis(0.99), r.maxMillis(), r.measured(), options.latencyRate(),
                r.missing());
    }

    void summary() {
        System.out.printf("%n== summary after %.0f s: %,d documents, %,d input records (%.1f %% duplicates) ==%n",
                (System.nanoTime() - started) / 1e9, workload.documents(), workload.records(),
                100.0 * workload.duplicates() / workload.records());
        System.out.printf("  %-40s %-16s %9s %7s %6s %6s %8s %8s%n", "phase", "guarantee", "records/s", "seconds",
                "cores", "stream", "us/rec", "us/rec");
        System.out.printf("  %-40s %-16s %9s %7s %6s %6s %8s %8s%n", "", "", "", "", "(proc)", "thread", "(stream)",
                "(proc)");
        table.forEach(System.out::println);
        double share = eos.perSecond() / ceiling.perSecond();
        System.out.printf("  decider EOS = %.1f %% of the ceiling (target >= %.0f %%: %s); EOS/ALOS = %.1f %%%n",
                100 * share, 100 * CEILING_TARGET, share >= CEILING_TARGET ? "MET" : "MISSED",
                100 * eos.perSecond() / alos.perSecond());
        if (ioCeiling != null) {
            System.out.printf("  decider EOS = %.1f %% of the I/O-matched ceiling (a store read+write and 2 output "
                    + "records per input, no JSON, no decisions)%n", 100 * eos.perSecond() / ioCeiling.perSecond());
        }
        latencies.forEach((label, r) -> System.out.println(" " + latencyLine(label, r)));
        LatencyProbe.Result standard = latencies.get(standardLatency);
        double p99 = standard.percentileMillis(0.99);
        System.out.printf("  p99 at the default commit interval, all rounds: %.1f ms (target <= %.0f ms: %s)%n", p99,
                P99_TARGET_MS, p99 <= P99_TARGET_MS && standard.missing() == 0 ? "MET" : "MISSED");
        System.out.printf("  store: %,.0f bytes on disk per document (state dir %.1f MB); mean StoredDocument %,.0f bytes "
                + "(document %,.0f + %.1f remembered outcomes; write %.1f us + read %.1f us)%n",
                (double) stateBytes / workload.documents(), stateBytes / 1e6, values.meanBytes(),
                values.meanDocumentBytes(), values.meanRemembered(), values.writeMicros(), values.readMicros());
        System.out.printf("  heap: %s (broker in the same JVM)%n  machine: %s%n", ResourceMeter.heap().describe(),
                machineLine());
    }

    static String machineLine() {
        Runtime rt = Runtime.getRuntime();
        return "%d cores, Java %s (%s), max heap %,d MB, %s %s".formatted(rt.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() >> 20,
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
