package dev.docpipe.bench.curves;

import dev.docpipe.bench.http.ClosedLoop;
import dev.docpipe.bench.http.KeepAliveClient;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.ProcStat;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.pipeline.Footprint;
import dev.docpipe.bench.pipeline.Workload;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One curves run. The shared embedded broker and PostgreSQL, the real pipeline in this JVM (production
 * defaults, one standby replica), api-service from its jar projecting the read model live. Sizes are cumulative:
 * each point loads the documents that take the log from the last size to this one, then measures:
 *
 * <ol>
 *   <li>the pipeline's throughput over that load (stopped while it is produced in bulk, then timed from RUNNING
 *       until its committed offsets reach the end of the input), and the API's projector's over the events that made
 *       (from the same moment until it caught up), with the CPU that api-service and PostgreSQL spent per event;
 *   <li>the documents store: serialized bytes per document, and the state directory's bytes per document;
 *   <li>restore: the instance stops and its state directory is deleted; seconds from starting it again until
 *       one new command on every partition was decided ({@link Probes});
 *   <li>failover: a second instance starts, its standbys catch up, the first stops (leaving the group); seconds
 *       until every partition decides again. The second instance carries on to the next size;
 *   <li>the read model: its size as stored and as live rows, then GET of a document and of the first
 *       page of a child's documents ({@code --child-documents} of them) through the API, p99;
 *   <li>{@code docpipe rebuild-projection} and {@code docpipe audit} wall time.
 * </ol>
 */
final class CurvesRun {
    private static final String PROJECTOR_GROUP = "docpipe-projector";

    private final CurvesCommand.Settings settings;
    private final CurveSet curves = new CurveSet();
    private final PhaseTimes phases = new PhaseTimes();
    private final List<String> failedRuns = new ArrayList<>();
    /** The newest timestamp a load produced: the next load's records must not be older (Workload.produceAfter). */
    private long newestInput;

    CurvesRun(CurvesCommand.Settings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Quiet.logging();
        System.out.printf("docpipe curves: sizes %s, %d partitions, a child with %,d documents, reads by %d clients for "
                        + "%d s, charts to %s%n%s%n", settings.sizes(), settings.partitions(), settings.childDocuments(),
                settings.readClients(), settings.readSeconds().toSeconds(), settings.charts(), Machine.describe());
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Path work = Files.createTempDirectory("docpipe-curves-");
        String applicationId = "docpipe-curves-" + Long.toString(System.currentTimeMillis(), 36);
        PipelineInstance current = PipelineInstance.start(bootstrap, applicationId, work.resolve("instance-0"),
                settings.partitions());
        try (ApiProcess api = ApiProcess.start(bootstrap, settings.apiJvmArgs(), "--logging.level.root=WARN");
                KafkaProducer<String, byte[]> producer = Kafka.producer(bootstrap, "curves")) {
            ApiProcess.Account account = api.createDevAccount();
            String child = "/api/v1/children/" + account.childId() + "/documents";
            List<String> childDocuments = Loader.childDocuments(producer, account.childId(), account.accountId(),
                    settings.childDocuments()).stream().map(id -> child + "/" + id).toList();
            long postgres = ReadModelSize.postmasterPid(api.databaseUrl());
            int loaded = 0;
            int instances = 0;
            phases.end("start-up: broker, API, the child's documents", settings.sizes().getFirst());
            for (int size : settings.sizes()) {
                System.out.printf("%n%,d documents:%n", size);
                load(bootstrap, current, Set.of(api.pid(), postgres), size - loaded, size);
                loaded = size;
                long documents = footprint(bootstrap, current, size);
                phases.end("footprint (interactive queries, topic sizes)", size);

                long onDisk = current.stopAndLoseState();
                curves.add(Curve.STATE_DIR_BYTES_PER_DOCUMENT, size, (double) onDisk / documents);
                long starting = System.nanoTime();
                current.startAgain();
                probe(bootstrap, producer);
                curves.add(Curve.RESTORE_SECONDS, size, (System.nanoTime() - starting) / 1e9);
                phases.end("restore after the state directory was deleted", size);

                PipelineInstance standby = PipelineInstance.start(bootstrap, applicationId,
                        work.resolve("instance-" + ++instances), settings.partitions());
                standby.awaitMirroring(current, settings.phaseTimeout());
                phases.end("a second instance's standbys catch up", size);
                long stopping = System.nanoTime();
                current.closeAndDelete();
                probe(bootstrap, producer);
                curves.add(Curve.FAILOVER_SECONDS, size, (System.nanoTime() - stopping) / 1e9);
                current = standby;
                phases.end("failover", size);

                reads(bootstrap, api, account.token(), child, childDocuments, size);
                operatorRun("rebuild-projection", size, Curve.REBUILD_PROJECTION_SECONDS, () -> {
                    OperatorRuns.Rebuild rebuild = OperatorRuns.rebuildProjection(bootstrap);
                    System.out.printf("  rebuild-projection wrote %,d documents%n", rebuild.documents());
                    return rebuild.seconds();
                });
                operatorRun("audit", size, Curve.AUDIT_SECONDS, () -> OperatorRuns.audit(bootstrap));
            }
            ServiceMemory.print(System.out, List.of(
                    new ServiceMemory.Service("this JVM: the broker, the pipeline instance, the loader",
                            ProcessHandle.current().pid(), true),
                    new ServiceMemory.Service("api-service, with the read model's projector", api.pid(), true)),
                    postgres);
        } finally {
            current.close();
            PipelineInstance.deleteRecursively(work);
        }
        curves.print(System.out);
        phases.print(System.out);
        System.out.println();
        for (Path chart : curves.writeCharts(settings.charts())) {
            System.out.println("chart: " + chart);
        }
        if (!failedRuns.isEmpty()) {
            throw new IllegalStateException("operator runs failed, their points are missing: " + failedRuns);
        }
    }

    /**
     * An operator command that fails (out of memory, say) costs its own point, not the run: the other curves,
     * the memory table and the charts are still written, and the run fails at the end naming what is missing.
     */
    private void operatorRun(String name, int size, Curve curve, Callable<Double> run) {
        try {
            curves.add(curve, size, run.call());
        } catch (Exception e) {
            System.out.printf("  %s FAILED at %,d documents: %s%n", name, size, e.getMessage());
            failedRuns.add(name + " at " + size);
        }
        phases.end(name, size);
    }

    /**
     * Loads {@code documents} more with the pipeline stopped, then times it from RUNNING until it decided them all,
     * and the API's projector until it projected every event that made. Stopped, not paused: loaded into a paused
     * instance and resumed, the scan results of nearly every document went unapplied (the documents stayed
     * SCAN_PENDING until their leases expired), so the run measured another workload than the pipeline benchmark's.
     * Started on the backlog, as the pipeline benchmark starts its applications, the documents end as produced.
     * While it loads, api-service serves no request: its CPU and PostgreSQL's ({@code projectors}) are the
     * projection's.
     */
    private void load(String bootstrap, PipelineInstance instance, Set<Long> projectors, int documents, int size)
            throws Exception {
        instance.close();
        long eventsBefore = endOffsetSum(bootstrap, Topics.EVENTS);
        Workload.Stats workload = Loader.workload(bootstrap, documents, settings.seed() + size, settings.phaseTimeout(),
                newestInput + 1);
        newestInput = Math.max(newestInput, workload.lastTimestamp());
        phases.end("load: produce the workload", size);
        double projectingCpu = ProcStat.treeCpuSeconds(projectors);
        instance.startAgain();
        long running = System.nanoTime();
        GroupLag.await(bootstrap, instance.applicationId(), 0, settings.phaseTimeout(), Topics.COMMANDS,
                Topics.JOB_RESULTS);
        double seconds = (System.nanoTime() - running) / 1e9;
        System.out.printf("  loaded %,d documents: %,d records produced in %.1f s (the newest timestamped %+.0f s from "
                        + "now), decided in %.1f s%n", documents, workload.records(), workload.seconds(),
                (workload.lastTimestamp() - System.currentTimeMillis()) / 1e3, seconds);
        curves.add(Curve.PIPELINE_THROUGHPUT, size, workload.records() / seconds);
        phases.end("load: the pipeline decides it", size);
        GroupLag.await(bootstrap, PROJECTOR_GROUP, 1, settings.phaseTimeout(), Topics.EVENTS);
        double projecting = (System.nanoTime() - running) / 1e9;
        long events = endOffsetSum(bootstrap, Topics.EVENTS) - eventsBefore;
        System.out.printf("  the projector caught up %.1f s after the pipeline: %,d events in %.1f s from RUNNING%n",
                projecting - seconds, events, projecting);
        curves.add(Curve.PROJECTOR_THROUGHPUT, size, events / projecting);
        curves.add(Curve.PROJECTOR_CPU_PER_EVENT, size,
                (ProcStat.treeCpuSeconds(projectors) - projectingCpu) * 1e6 / events);
        phases.end("load: the API's projector catches up", size);
    }

    private static long endOffsetSum(String bootstrap, String topic) {
        return Kafka.endOffsets(bootstrap, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes per document in the store and in Kafka; returns the documents in the store. */
    private long footprint(String bootstrap, PipelineInstance instance, int size) throws Exception {
        Footprint.StoreValues values = Footprint.storeValues(instance.pipeline().streams());
        long kafka;
        try (Admin admin = Kafka.admin(bootstrap)) {
            // this run's topics only: docpipe's and this application's changelogs, not other phases' leftovers
            kafka = Footprint.topicBytes(admin).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("docpipe.") || e.getKey().startsWith(instance.applicationId()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
        curves.add(Curve.KAFKA_BYTES_PER_DOCUMENT, size, (double) kafka / values.documents());
        curves.add(Curve.STORE_BYTES_PER_DOCUMENT, size, values.meanBytes());
        // the workload leaves nearly every document EXTRACTED: anything else means it was not decided as produced
        System.out.printf("  documents by state: %s%n", values.states());
        return values.documents();
    }

    private void probe(String bootstrap, KafkaProducer<String, byte[]> producer) throws InterruptedException {
        Probes.awaitDecided(bootstrap, producer, settings.partitions(), settings.phaseTimeout());
    }

    private void reads(String bootstrap, ApiProcess api, String token, String child, List<String> childDocuments,
            int size) throws Exception {
        // the restore's and failover's probes were projected since
        GroupLag.await(bootstrap, PROJECTOR_GROUP, 1, settings.phaseTimeout(), Topics.EVENTS);
        ReadModelSize readModel = ReadModelSize.of(api.databaseUrl());
        System.out.printf("  read model: %,d documents, %,d dead tuples in the documents table%n", readModel.documents(),
                readModel.deadTuples());
        curves.add(Curve.READ_MODEL_MB, size, readModel.allTablesBytes() / 1e6);
        curves.add(Curve.READ_MODEL_BYTES_PER_DOCUMENT, size, (double) readModel.documentsBytes() / readModel.documents());
        curves.add(Curve.READ_MODEL_LIVE_BYTES_PER_DOCUMENT, size,
                (double) readModel.documentsLiveBytes() / readModel.documents());
        phases.end("read-model size", size);
        ClosedLoop.Result get = getPhase(api, token, childDocuments);
        ClosedLoop.Result list = getPhase(api, token, List.of(child));
        System.out.printf("  GET document %,.0f req/s %s; GET list %,.0f req/s %s%n", get.perSecond(), get.statuses(),
                list.perSecond(), list.statuses());
        if (!get.statuses().keySet().equals(Set.of(200)) || !list.statuses().keySet().equals(Set.of(200))) {
            throw new IllegalStateException("a GET phase answered other than 200: " + get.statuses() + ", " + list.statuses());
        }
        phases.end("GET phases (warm-up and measured)", size);
        curves.add(Curve.GET_DOCUMENT_P99, size, get.latencies().percentileMs(0.99));
        curves.add(Curve.LIST_CHILD_DOCUMENTS_P99, size, list.latencies().percentileMs(0.99));
    }

    /** An unmeasured warm-up (the API's JIT, its connection pool, PostgreSQL's cache), then the measured phase. */
    private ClosedLoop.Result getPhase(ApiProcess api, String token, List<String> paths) throws Exception {
        ClosedLoop.run(api.port(), token, paths, settings.readClients(), settings.readWarmup(), KeepAliveClient::get);
        return ClosedLoop.run(api.port(), token, paths, settings.readClients(), settings.readSeconds(),
                KeepAliveClient::get);
    }
}
