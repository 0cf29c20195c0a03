package dev.docpipe.cli.retry;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.fold.DocumentFold;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.CommandSender;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.OutcomeWatch;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.redrive.DryRun;
import dev.docpipe.cli.support.DocumentIdConverter;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@picocli.CommandLine.Command(name = "retry-ocr",
        header = "Send RetryOcr for a document whose OCR failed, or for every OCR_FAILED document.",
        sortOptions = false,
        description = {
            "Sends RetryOcr(failedAttempt), which the pipeline accepts only while that attempt is the document's "
            + "current failed one: a retry that was already served answers ALREADY_DONE, never a second OCR job. "
            + "Either one document with the attempt the operator saw (--document, --failed-attempt), or --all-failed: "
            + "every document in OCR_FAILED as the event log has it now, each with the attempt found there (never "
            + "from the read model, which may lag). Command ids are derived from (document, attempt), so running it "
            + "again, or redriving it, queues nothing new. --dry-run predicts the outcomes with the decider."})
public final class RetryOcrCommand extends OperatorCommand {

    /** Which documents: exactly one of the two forms. */
    static final class Target {
        @ArgGroup(exclusive = false)
        One one;

        @Option(names = "--all-failed", required = true,
                description = "Every document in OCR_FAILED, with its failed attempt as the event log has it.")
        boolean allFailed;
    }

    static final class One {
        @Option(names = "--document", required = true, paramLabel = "<documentId>",
                converter = DocumentIdConverter.class, description = "The document to retry.")
        UUID documentId;

        @Option(names = "--failed-attempt", required = true, paramLabel = "<n>",
                description = "The failed OCR attempt to retry, as the document view shows it (ocr.attempt).")
        int failedAttempt;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--dry-run", description = "Predict the outcomes and OCR jobs; send nothing.")
    boolean dryRun;

    @Option(names = "--rate", paramLabel = "<n>", defaultValue = "50",
            description = "Commands per second at most (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "0s", converter = DurationConverter.class,
            description = "Wait this long for the outcomes and report them and the OCR jobs queued (default: don't wait).")
    Duration wait;

    @Option(names = "--actor", paramLabel = "<name>", defaultValue = "operator:${sys:user.name}",
            description = "Actor recorded on the commands (default: ${DEFAULT-VALUE}).")
    String actor;

    /** One command to send: the document and the attempt it retries. */
    public record Retry(UUID documentId, int failedAttempt, UUID commandId) {}

    /**
     * What {@code docpipe retry-ocr} did.
     *
     * @param outcomes predicted (dry run) or, with --wait, the pipeline's answers ("STATUS REASON" -> count)
     * @param ocrJobs OCR jobs predicted (dry run) or, with --wait, queued by the pipeline for these commands
     */
    public record Report(boolean dryRun, String selection, List<Retry> retries, long sent, Map<String, Long> outcomes,
            Long ocrJobs, long missingOutcomes, long elapsedMs) {}

    @Override
    protected int execute() throws Exception {
        if (!(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "--rate must be > 0");
        }
        if (target.one != null && target.one.failedAttempt < 1) {
            throw new ParameterException(spec.commandLine(), "--failed-attempt must be >= 1");
        }
        long started = System.nanoTime();
        KafkaAccess kafka = kafka();
        kafka.partitions(Topics.COMMANDS); // exit 2 now if the pipeline's topics are not there
        List<Retry> retries = target.allFailed ? allFailed(kafka)
                : List.of(retry(target.one.documentId, target.one.failedAttempt));

        Report report;
        if (dryRun) {
            report = predict(kafka, retries, started);
        } else {
            report = send(kafka, retries, started);
        }
        if (json()) {
            printJson(report);
        } else {
            print(out(), report);
        }
        if (report.missingOutcomes() > 0) {
            err().println(name() + ": " + report.missingOutcomes() + " of " + report.sent()
                    + " outcomes did not arrive within " + wait.toSeconds() + "s (is the pipeline running?)");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static Retry retry(UUID documentId, int failedAttempt) {
        return new Retry(documentId, failedAttempt, Ids.derive(documentId, "retry-ocr/" + failedAttempt));
    }

    /** Documents in OCR_FAILED in the event log now, each with its current (failed) OCR attempt. */
    private List<Retry> allFailed(KafkaAccess kafka) {
        DocumentFold fold = new DocumentFold();
        try (Progress progress = progress("retry-ocr: folding " + Topics.EVENTS, "events", 0)) {
            List<PartitionRange> log = EventLog.wholeLog(kafka);
            progress.total(TopicScan.size(log));
            EventLog.read(kafka, log, fold::accept, progress);
        }
        List<Retry> retries = new ArrayList<>();
        for (FoldedDocument d : fold.documents().values()) {
            Document document = d.document();
            if (document.state() == DocumentState.OCR_FAILED) {
                retries.add(retry(document.documentId(), document.ocr().attempt()));
            }
        }
        retries.sort(Comparator.comparing(r -> r.documentId().toString()));
        return retries;
    }

    private List<Command> commands(List<Retry> retries) {
        Instant now = Instant.now();
        return retries.stream().map(r -> new Command(r.commandId(), r.documentId(), now, actor,
                new RetryOcr(r.failedAttempt()))).toList();
    }

    private Report predict(KafkaAccess kafka, List<Retry> retries, long started) {
        Map<UUID, Document> states;
        if (retries.isEmpty()) {
            states = new HashMap<>();
        } else {
            Set<UUID> documents = Set.copyOf(retries.stream().map(Retry::documentId).toList());
            try (Progress progress = progress("retry-ocr: folding " + Topics.EVENTS, "events", 0)) {
                states = DryRun.fold(kafka, documents, progress);
            }
        }
        DryRun.Prediction p = DryRun.predict(states, commands(retries), Instant.now(), 0);
        return new Report(true, selection(), retries, 0, p.outcomes(), p.jobsByKind().getOrDefault("OCR", 0L), 0,
                elapsed(started));
    }

    private Report send(KafkaAccess kafka, List<Retry> retries, long started) throws Exception {
        OutcomeWatch watch = wait.isZero() ? null : new OutcomeWatch(kafka);
        long sent;
        try (CommandSender sender = new CommandSender(kafka, rate, watch);
                Progress progress = progress("retry-ocr: sending RetryOcr", "commands", retries.size())) {
            for (Command command : commands(retries)) {
                sender.send(command);
                progress.set(sender.sent());
            }
            sender.flush();
            sent = sender.sent();
        }
        if (watch == null) {
            return new Report(false, selection(), retries, sent, null, null, 0, elapsed(started));
        }
        long missing;
        try (Progress progress = progress("retry-ocr: awaiting outcomes", "outcomes", sent)) {
            missing = watch.await(wait, progress);
        }
        return new Report(false, selection(), retries, sent, watch.statuses(), (long) watch.acceptedJobs().size(),
                missing, elapsed(started));
    }

    private String selection() {
        return target.allFailed ? "all OCR_FAILED documents (event log)" : "document " + target.one.documentId;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "%s RetryOcr for %s: %,d document(s)%n", r.dryRun() ? "dry run of retry-ocr:"
                : "retry-ocr:", r.selection(), r.retries().size());
        r.retries().stream().limit(50).forEach(x -> out.printf(Locale.ROOT, "    %s failed attempt %d (command %s)%n",
                x.documentId(), x.failedAttempt(), x.commandId()));
        if (!r.dryRun()) {
            out.printf(Locale.ROOT, "  sent %,d command(s) in %,d ms%n", r.sent(), r.elapsedMs());
        }
        if (r.outcomes() != null) {
            out.println(r.dryRun() ? "  predicted outcomes:" : "  outcomes:");
            r.outcomes().forEach((status, n) -> out.printf(Locale.ROOT, "    %-40s %,d%n", status, n));
            if (r.missingOutcomes() > 0) {
                out.printf(Locale.ROOT, "    %-40s %,d%n", "(no outcome yet)", r.missingOutcomes());
            }
            out.printf(Locale.ROOT, "  OCR jobs %s: %,d%n", r.dryRun() ? "it would queue" : "queued", r.ocrJobs());
        }
    }
}
