package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.TopicProvisioner;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.topology.DocpipeTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.LoggerFactory;

/**
 * The pipeline benchmark ({@code bench pipeline}). In one JVM with the shared embedded KRaft
 * broker ({@link KafkaBroker#shared()}) it:
 *
 * <ol>
 *   <li>pre-produces the {@link Workload} once into docpipe.commands / docpipe.job-results;
 *   <li>runs a discarded warm-up of the decider (JIT), then measures input records per second, from
 *       RUNNING until the group's committed offsets reach the input's end offsets, of a pass-through
 *       topology under exactly_once_v2 (the ceiling), the real topology ({@link DocpipeTopology}) under
 *       at_least_once and under exactly_once_v2, each with its own application id reading the same input;
 *       and a second, fairer ceiling ({@link IoMatchedTopology}): the decider's record and store I/O
 *       (two output records and a store read and write per input) without its JSON and decisions;
 *   <li>after the exactly-once run: what it wrote to the broker, the documents store's values
 *       (interactive queries) and its state directory's size per document;
 *   <li>restarts that application (store of N documents, caught up) and measures command-to-job
 *       latency ({@link LatencyProbe}) at the default commit interval and at {@code --latency-commit}
 *       (20 ms unless given), alternating;
 *   <li>with {@code --sealed}, {@link SealedComparison}: the decider on sealed personal fields against plain
 *       ones, back to back;
 *   <li>prints a summary table, heap and machine. Every phase line also says where the CPU went
 *       ({@link StreamsThreadGroups}); {@code --jfr} adds a JFR profile of the exactly-once and latency
 *       phases ({@link JfrSummary}).
 * </ol>
 *
 * The run fails when a phase fails or does not finish within {@code --phase-timeout}.
 */
public final class PipelineBenchmark {
    static final long MAX_WARMUP_RECORDS = 50_000;
    /** The decider's mean documents-store value in this workload (StoredDocumentSerde), for the I/O-matched ceiling. */
    static final int IO_MATCHED_VALUE_BYTES = 540;

    private PipelineBenchmark() {}

    static void run(PipelineOptions options) throws Exception {
        quietLogging();
        Report report = new Report(options);
        report.machine();
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Path work = Files.createTempDirectory("docpipe-bench-");
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicProvisioner.ensureTopics(bootstrap, options.partitions(), (short) 1);
            KafkaBroker.shared().createTopics(options.partitions(), PassThroughTopology.SINK_TOPIC,
                    IoMatchedTopology.SINK_A, IoMatchedTopology.SINK_B);

            Workload.Stats workload = Workload.produce(bootstrap, options);
            Map<TopicPartition, Long> end = endOffsets(admin, Topics.COMMANDS, Topics.JOB_RESULTS);
            report.workload(workload, end);

            if (options.warmupFraction() > 0) {
                PipelineConfig warmup = exactlyOnce(bootstrap, run + "-warmup", work, options,
                        PipelineConfig.DEFAULT_COMMIT_INTERVAL);
                try (StreamsRun decider = StreamsRun.start(decider(warmup), warmup)) {
                    // JIT warm-up needs tens of thousands of records, not a tenth of a big input
                    double fraction = Math.min(options.warmupFraction(), (double) MAX_WARMUP_RECORDS / workload.records());
                    report.warmup(fraction, decider.awaitCommitted("warm-up", admin, end, fraction,
                            options.phaseTimeout(), ResourceMeter.start(StreamsThreadGroups.INSTANCE)));
                }
            }

            PipelineConfig ceilingConfig = exactlyOnce(bootstrap, run + "-passthrough", work, options,
                    PipelineConfig.DEFAULT_COMMIT_INTERVAL);
            Map<String, Long> before = Footprint.topicBytes(admin);
            Map<String, Long> recordsBefore = Footprint.topicRecords(admin);
            try (StreamsRun ceiling = StreamsRun.start(PassThroughTopology.build(), ceilingConfig)) {
                report.ceiling(ceiling.awaitCommitted("pass-through EOS", admin, end, 1, options.phaseTimeout(),
                        ResourceMeter.start(StreamsThreadGroups.INSTANCE)));
                report.written(Footprint.delta(before, Footprint.topicBytes(admin)),
                        Footprint.delta(recordsBefore, Footprint.topicRecords(admin)), ceilingConfig.applicationId());
            }

            PipelineConfig ioConfig = exactlyOnce(bootstrap, run + "-io-matched", work, options,
                    PipelineConfig.DEFAULT_COMMIT_INTERVAL);
            before = Footprint.topicBytes(admin);
            recordsBefore = Footprint.topicRecords(admin);
            try (StreamsRun io = StreamsRun.start(IoMatchedTopology.build(IO_MATCHED_VALUE_BYTES), ioConfig)) {
                report.ioCeiling(io.awaitCommitted("I/O-matched pass-through EOS", admin, end, 1,
                        options.phaseTimeout(), ResourceMeter.start(StreamsThreadGroups.INSTANCE)));
                report.written(Footprint.delta(before, Footprint.topicBytes(admin)),
                        Footprint.delta(recordsBefore, Footprint.topicRecords(admin)), ioConfig.applicationId());
            }

            // at_least_once before exactly_once_v2: the figure the targets are about gets the warmest JIT.
            PipelineConfig alos = exactlyOnce(bootstrap, run + "-alos", work, options,
                    PipelineConfig.DEFAULT_COMMIT_INTERVAL).withProcessingGuarantee(StreamsConfig.AT_LEAST_ONCE);
            try (StreamsRun decider = StreamsRun.start(decider(alos), alos)) {
                report.alos(decider.awaitCommitted("decider ALOS", admin, end, 1, options.phaseTimeout(),
                        ResourceMeter.start(StreamsThreadGroups.INSTANCE)));
            }

            PipelineConfig eos = exactlyOnce(bootstrap, run + "-eos", work, options, PipelineConfig.DEFAULT_COMMIT_INTERVAL);
            before = Footprint.topicBytes(admin);
            recordsBefore = Footprint.topicRecords(admin);
            try (StreamsRun decider = StreamsRun.start(decider(eos), eos)) {
                Recording recording = options.jfr() == null ? null : JfrSummary.start();
                report.eos(decider.awaitCommitted("decider EOS", admin, end, 1, options.phaseTimeout(),
                        ResourceMeter.start(StreamsThreadGroups.INSTANCE)));
                if (recording != null) {
                    JfrSummary.stopAndPrint(recording, options.jfr());
                }
                report.written(Footprint.delta(before, Footprint.topicBytes(admin)),
                        Footprint.delta(recordsBefore, Footprint.topicRecords(admin)), eos.applicationId());
                report.storeValues(Footprint.storeValues(decider.streams()), endOffsets(admin, Topics.DLQ));
            }
            report.stateDir(Footprint.stateDirBytes(work.resolve(eos.applicationId())));

            if (!options.deciderVariant().isEmpty()) {
                PipelineConfig variant = exactlyOnce(bootstrap, run + "-eos-variant", work, options,
                        PipelineConfig.DEFAULT_COMMIT_INTERVAL).withStreamsOverrides(options.deciderVariant());
                try (StreamsRun decider = StreamsRun.start(decider(variant), variant)) {
                    report.deciderVariant(decider.awaitCommitted("decider EOS + " + options.deciderVariant(), admin,
                            end, 1, options.phaseTimeout(), ResourceMeter.start(StreamsThreadGroups.INSTANCE)), options.deciderVariant());
                }
            }


            // The EOS application again, caught up, with its store of N documents: fresh commands now.
            List<Map<String, String>> variants = new java.util.ArrayList<>(List.of(Map.of(), Map.of()));
            if (!options.latencyOverrides().isEmpty()) {
                variants.add(options.latencyOverrides());
            }
            variants.addAll(options.latencyVariants());
            // Round 0 is one unmeasured run of the default: the first latency run after the throughput phases
            // otherwise carries the JIT warm-up of the probe's code paths into the default's figures.
            for (int round = 0; round <= options.latencyRounds(); round++) {
                for (int v = 0; v < (round == 0 ? 1 : variants.size()); v++) {
                    Map<String, String> settings = new java.util.TreeMap<>(variants.get(v));
                    String commitSetting = settings.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
                    Duration commit = commitSetting != null ? Duration.ofMillis(Long.parseLong(commitSetting))
                            : v == 1 ? options.latencyCommit() : PipelineConfig.DEFAULT_COMMIT_INTERVAL;
                    String label = "commit.interval %3d ms%s".formatted(commit.toMillis(),
                            settings.isEmpty() ? "" : " + " + settings);
                    PipelineConfig config = exactlyOnce(bootstrap, eos.applicationId(), work, options, commit)
                            .withStreamsOverrides(settings);
                    try (StreamsRun decider = StreamsRun.start(decider(config), config)) {
                        Thread.sleep(1_000); // let the restarted app settle (first fetches, lease punctuation)
                        Recording recording = options.jfr() == null ? null : JfrSummary.start();
                        ResourceMeter cpu = ResourceMeter.start(StreamsThreadGroups.INSTANCE);
                        LatencyProbe.Result result = LatencyProbe.run(label, bootstrap, options.latencyRate(),
                                options.latencyWarmup(), options.latencySeconds(), options.seed() + 1_000L * round + v);
                        if (round == 0) {
                            System.out.printf("(warm-up round, not counted: %s p99 %.1f ms)%n", label,
                                    result.percentileMillis(0.99));
                        } else {
                            report.latency(round, label, v == 0, result, cpu.stop());
                        }
                        if (recording != null) {
                            String name = options.jfr().getFileName().toString().replace(".jfr", "");
                            JfrSummary.stopAndPrint(recording, options.jfr().resolveSibling(
                                    name + "-latency-variant" + v + "-round" + round + ".jfr"));
                        }
                    }
                }
            }
            if (options.sealed()) {
                SealedComparison.run(bootstrap, admin, work, run, options, end, workload, report);
            }
            report.summary();
        } finally {
            deleteRecursively(work);
        }
    }

    static Topology decider(PipelineConfig config) {
        return DocpipeTopology.build(config.topology(), PipelineMetrics.noop());
    }

    /** The production defaults ({@link PipelineConfig#defaults}) with this run's partitions, threads, commit interval. */
    static PipelineConfig exactlyOnce(String bootstrap, String appId, Path stateDir, PipelineOptions options, Duration commit) {
        PipelineConfig defaults = PipelineConfig.defaults(bootstrap, appId, stateDir);
        return new PipelineConfig(bootstrap, appId, stateDir, options.partitions(), defaults.replicationFactor(), commit,
                options.streamThreads(), StreamsConfig.EXACTLY_ONCE_V2, defaults.topology(), Map.of());
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String... topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** WARN and up, minus the broker's and Streams' expected warnings. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            // "controller activation", "state.dir is in the OS temp directory": expected here
            logback.getLogger("org.apache.kafka.controller").setLevel(ch.qos.logback.classic.Level.ERROR);
            logback.getLogger("kafka.server.DefaultAutoTopicCreationManager").setLevel(ch.qos.logback.classic.Level.ERROR);
            logback.getLogger("org.apache.kafka.streams.processor.internals.StateDirectory")
                    .setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
