package dev.docpipe.cli.audit;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.cli.fold.Unreadable;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.CpuTime;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit",
        header = "Fold the event log and check the invariants; exit 1 on any violation.",
        sortOptions = false,
        description = {
            "Folds the whole event log (read_committed), one partition number at a time, and checks docpipe's",
            "invariants:",
            "  - at most one OCR job per confirmation and per (document, engine version)",
            "  - at most one scan (or OCR) job in flight per document",
            "  - every accepted result names the then-current job",
            "  - no document pending past its lease deadline plus --margin",
            "  - each job on docpipe.jobs.scan/ocr is named by exactly one event, and vice versa",
            "  - the read model equals the fold (when a database is configured)",
            "Prints counts and every violation with its topic/partition/offset. Exit 1 on any violation."})
public final class AuditCommand extends OperatorCommand {

    @Option(names = "--margin", paramLabel = "<duration>", defaultValue = "5m", converter = DurationConverter.class,
            description = "Grace after a job's lease deadline before a pending document counts as stuck"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration margin;

    @Option(names = "--settle", paramLabel = "<duration>", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long read-model rows behind the log may take to catch up (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--skip-read-model", description = "Do not compare the read model even if a database is configured.")
    boolean skipReadModel;

    @Option(names = "--skip-job-topics", description = "Do not read docpipe.jobs.scan/ocr.")
    boolean skipJobTopics;

    /** Tests and comparisons only: fold the whole log at once instead of one partition number at a time. */
    @Option(names = "--whole-log", hidden = true)
    boolean wholeLog;

    /** Benchmarks only: audit this many times and report the last (warm) pass. */
    @Option(names = "--repeat", hidden = true, defaultValue = "1")
    int repeat;

    @Option(names = "--max-violations", paramLabel = "<n>", defaultValue = "1000",
            description = "List at most this many violations (all are counted; default: ${DEFAULT-VALUE}).")
    int maxViolations;

    @Override
    protected int execute() throws Exception {
        if (repeat < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be >= 1");
        }
        if (maxViolations < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-violations must be >= 0");
        }
        long started = System.nanoTime();
        Instant now = Instant.now();
        Optional<Database> db = skipReadModel ? Optional.empty() : database();
        String liveSchema = db.map(Database::requireLiveSchema).orElse(null);
        KafkaAccess kafka = kafka();

        Map<TopicPartition, Long> jobEnds = new HashMap<>();
        AuditSlices slices = AuditSlices.of(kafka, !skipJobTopics, jobEnds);
        if (wholeLog) {
            slices = slices.whole();
        }
        slices.wholeLogBecause().ifPresent(why -> err().println("audit: folding the whole log at once (" + why
                + "): its memory grows with the log, not with the largest partition"));

        Pass pass = audit(kafka, slices, jobEnds, db, liveSchema, now);
        for (int i = 1; i < repeat; i++) {
            pass = audit(kafka, slices, jobEnds, db, liveSchema, now); // benchmarks: report a warm pass
        }
        if (global().verbose()) {
            err().println("audit: " + slices.slices().size() + " slice(s), at most " + pass.auditor().largestSlice()
                    + " documents held at once");
        }
        ViolationLog violations = pass.violations();
        Long scanRecords = skipJobTopics ? null : pass.scanRecords();
        Long ocrRecords = skipJobTopics ? null : pass.ocrRecords();
        ReadModelCheck.Result readModel = pass.readModel();
        long foldNanos = pass.foldNanos();

        AuditCounts c = pass.auditor().counts();
        long elapsed = System.nanoTime() - started;
        AuditReport report = new AuditReport(kafka.bootstrapServers(), now, c.events, c.unreadableEvents, c.documents,
                c.states, c.eventTypes,
                new AuditReport.Jobs(c.scanJobs, c.ocrJobs, c.reissues, scanRecords, ocrRecords),
                new AuditReport.Results(c.acceptedResults, c.staleResults, c.leaseExpiries, c.erasedResultsDiscarded),
                readModel, invariants(violations, readModel != null, !skipJobTopics), violations.total(),
                violations.byType(), violations.kept(),
                new AuditReport.Timing(elapsed / 1_000_000, foldNanos / 1_000_000,
                        foldNanos == 0 ? 0 : (long) (c.events / (foldNanos / 1e9)), pass.foldCpuNanos() / 1_000_000,
                        pass.jobNanos() / 1_000_000, pass.readModelNanos() / 1_000_000),
                new AuditReport.PersonalFields(c.sealedPersonalFields, c.legacyPlaintextPersonalFields));
        if (json()) {
            printJson(report);
        } else {
            AuditText.print(out(), report, margin);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** One audit of every slice: what carries over from slice to slice. */
    private record Pass(Auditor auditor, ViolationLog violations, long foldNanos, long foldCpuNanos, long jobNanos,
            long readModelNanos, long scanRecords, long ocrRecords, ReadModelCheck.Result readModel) {}

    /**
     * Audits slice by slice: folds the slice's events, matches its job records, compares its read-model rows,
     * then forgets its documents before the next slice.
     */
    private Pass audit(KafkaAccess kafka, AuditSlices slices, Map<TopicPartition, Long> jobEnds,
            Optional<Database> db, String liveSchema, Instant now) throws Exception {
        ViolationLog violations = new ViolationLog(maxViolations);
        Auditor auditor = new Auditor(now, margin, violations);
        long foldNanos = 0;
        long foldCpuNanos = 0;
        long jobNanos = 0;
        long readModelNanos = 0;
        long scanRecords = 0;
        long ocrRecords = 0;
        ReadModelCheck.Result readModel = null;
        boolean sliced = slices.slices().size() > 1;
        for (AuditSlices.Slice slice : slices.slices()) {
            String of = sliced ? " (" + slice.name() + ")" : "";
            long start = System.nanoTime();
            long cpuStart = CpuTime.processNanos();
            try (Progress progress = progress("audit: folding " + Topics.EVENTS + of, "events",
                    TopicScan.size(slice.events()))) {
                EventLog.read(kafka, slice.events(), entry -> {
                    switch (entry) {
                        case LoggedEvent e -> auditor.onEvent(e);
                        case Unreadable u -> auditor.onUnreadable(u);
                    }
                }, progress);
            }
            auditor.endSlice();
            foldNanos += System.nanoTime() - start;
            foldCpuNanos += CpuTime.processNanos() - cpuStart;

            long jobStart = System.nanoTime();
            if (!skipJobTopics) {
                JobTopicCheck jobs = checkJobs(kafka, slice, jobEnds, auditor, violations, of);
                scanRecords += jobs.records(JobKind.SCAN);
                ocrRecords += jobs.records(JobKind.OCR);
            }
            jobNanos += System.nanoTime() - jobStart;

            long readModelStart = System.nanoTime();
            if (db.isPresent()) {
                ReadModelCheck.Result result = new ReadModelCheck(db.get(), liveSchema, auditor.folds(),
                        slice.documents(), violations).run(settle);
                readModel = result.plus(readModel);
            }
            readModelNanos += System.nanoTime() - readModelStart;
            auditor.nextSlice();
        }
        auditor.finish();
        return new Pass(auditor, violations, foldNanos, foldCpuNanos, jobNanos, readModelNanos, scanRecords,
                ocrRecords, readModel);
    }

    private JobTopicCheck checkJobs(KafkaAccess kafka, AuditSlices.Slice slice, Map<TopicPartition, Long> jobEnds,
            Auditor auditor, ViolationLog violations, String of) {
        JobTopicCheck jobs = new JobTopicCheck(auditor.namedJobs(), violations);
        try (Progress progress = progress("audit: reading job topics" + of, "jobs", TopicScan.size(slice.jobs()))) {
            TopicScan.read(kafka, slice.jobs(), batch -> batch.forEach(jobs::onRecord), progress);
        }
        Set<UUID> missing = jobs.missing();
        if (!missing.isEmpty()) {
            List<PartitionRange> late = TopicScan.ranges(jobEnds, kafka.endOffsets(slice.jobPartitions()));
            TopicScan.read(kafka, late, batch -> batch.forEach(r -> jobs.onLateRecord(r, missing)), Progress.none());
        }
        jobs.finish();
        return jobs;
    }

    private static List<AuditReport.InvariantStatus> invariants(ViolationLog violations, boolean readModel,
            boolean jobTopics) {
        Set<Invariant> unchecked = EnumSet.noneOf(Invariant.class);
        if (!readModel) {
            unchecked.add(Invariant.READ_MODEL_EQUALS_FOLD);
        }
        if (!jobTopics) {
            unchecked.add(Invariant.JOBS_MATCH_EVENTS);
        }
        List<AuditReport.InvariantStatus> result = new ArrayList<>();
        for (Invariant invariant : Invariant.values()) {
            long n = violations.count(invariant);
            String status = n > 0 ? "violated" : unchecked.contains(invariant) ? "not checked" : "ok";
            result.add(new AuditReport.InvariantStatus(invariant, invariant.description(), status, n));
        }
        return result;
    }
}
