package dev.docpipe.cli.backfill;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.kafka.CommandSender;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.OutcomeWatch;
import dev.docpipe.cli.support.DateConverter;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ReprocessOcr;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@picocli.CommandLine.Command(name = "backfill",
        header = "Send ReprocessOcr for documents of a date range with an older OCR engine.",
        sortOptions = false,
        description = {
            "Sends ReprocessOcr(--engine-version) for every document registered between --from and --to (UTC "
            + "days, inclusive) whose OCR engine version is older, found in the read model (or, without a database, "
            + "by folding the event log). Command ids are derived from (document, engine version, the OCR attempt "
            + "seen), and the pipeline decides ReprocessOcr by content: running it twice, or from two terminals at "
            + "once, queues one OCR job per document; run again after a failed reprocess, it tries once more. Resumable: the last document sent is kept in a progress marker (a table next to the "
            + "read model, or --progress-file); a rerun continues after it (--restart: from the start). "
            + "Rate-limited."})
public final class BackfillCommand extends OperatorCommand {

    @Option(names = "--from", required = true, paramLabel = "<date>", converter = DateConverter.class,
            description = "First registration day (yyyy-MM-dd, UTC).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "<date>", converter = DateConverter.class,
            description = "Last registration day, inclusive (yyyy-MM-dd, UTC).")
    LocalDate to;

    @Option(names = "--engine-version", required = true, paramLabel = "<version>",
            description = "The OCR engine version to reprocess with (e.g. v2, 5.3.0).")
    String engineVersion;

    @Option(names = "--rate", paramLabel = "<n>", defaultValue = "50",
            description = "Commands per second at most (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--source", paramLabel = "<read-model|events>",
            description = "Where to find the documents (default: read-model if a database is configured, else events).")
    String source;

    @Option(names = "--progress-file", paramLabel = "<path>",
            description = "Keep the progress marker in this file (default: a table in the database; without one,"
                    + " .docpipe-backfill/<run>.progress).")
    Path progressFile;

    @Option(names = "--restart", description = "Ignore the progress marker and start from the first document.")
    boolean restart;

    @Option(names = "--dry-run", description = "List what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "0s", converter = DurationConverter.class,
            description = "Wait this long for the outcomes and report them and the OCR jobs queued (default: don't wait).")
    Duration wait;

    @Option(names = "--actor", paramLabel = "<name>", defaultValue = "operator:${sys:user.name}",
            description = "Actor recorded on the commands (default: ${DEFAULT-VALUE}).")
    String actor;

    @Option(names = "--checkpoint-every", paramLabel = "<n>", defaultValue = "100", hidden = true)
    int checkpointEvery;

    @Override
    protected int execute() throws Exception {
        validate();
        long started = System.nanoTime();
        Instant fromInstant = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant untilInstant = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String runKey = "backfill/" + engineVersion + "/" + from + "/" + to;

        Optional<Database> db = database();
        boolean fromReadModel = source == null ? db.isPresent() : source.equals("read-model");
        if (fromReadModel && db.isEmpty()) {
            requireDatabase("--source read-model needs the read model");
        }
        KafkaAccess kafka = kafka();
        kafka.partitions(Topics.COMMANDS); // exit 2 now if the pipeline's topics are not there
        int[] unreadable = {0};
        List<Candidate> candidates;
        if (fromReadModel) {
            candidates = Candidates.fromReadModel(db.get(), fromInstant, untilInstant, unreadable);
        } else {
            try (Progress progress = progress("backfill: folding " + Topics.EVENTS, "events", 0)) {
                candidates = Candidates.fromEventLog(kafka, fromInstant, untilInstant, progress);
            }
        }
        List<Candidate> eligible = new ArrayList<>();
        long served = 0;
        long notExtracted = 0;
        long busy = 0;
        for (Candidate c : candidates) {
            switch (Eligibility.of(c.document(), engineVersion)) {
                case ELIGIBLE -> eligible.add(c);
                case ALREADY_SERVED -> served++;
                case BUSY -> busy++;
                case NOT_EXTRACTED, ERASED -> notExtracted++; // no text to reprocess
            }
        }

        ProgressMarker marker = progressFile != null ? new FileMarker(progressFile, runKey)
                : db.isPresent() ? new TableMarker(db.get(), runKey)
                : new FileMarker(Path.of(".docpipe-backfill", runKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".progress"),
                        runKey);
        if (restart && !dryRun) {
            marker.reset();
        }
        Optional<ProgressMarker.Mark> mark = restart ? Optional.empty() : marker.load();
        UUID resumeAfter = mark.map(ProgressMarker.Mark::lastDocumentId).orElse(null);
        List<Candidate> todo = resumeAfter == null ? eligible : eligible.stream()
                .filter(c -> c.document().documentId().toString().compareTo(resumeAfter.toString()) > 0).toList();

        long sent = 0;
        Map<String, Long> outcomes = null;
        Long newJobs = null;
        long missing = 0;
        if (!dryRun) {
            OutcomeWatch watch = wait.isZero() ? null : new OutcomeWatch(kafka);
            sent = send(kafka, todo, marker, mark.map(ProgressMarker.Mark::sent).orElse(0L), watch);
            if (watch != null) {
                try (Progress progress = progress("backfill: awaiting outcomes", "outcomes", sent)) {
                    missing = watch.await(wait, progress);
                }
                outcomes = watch.statuses();
                newJobs = (long) watch.acceptedJobs().size();
            }
        }
        BackfillReport report = new BackfillReport(engineVersion, from, to, fromReadModel ? "read-model" : "events",
                dryRun, candidates.size(), eligible.size(), served, notExtracted, busy, unreadable[0], resumeAfter,
                eligible.size() - todo.size(), sent, !dryRun, marker.describe(), outcomes, newJobs, missing,
                (System.nanoTime() - started) / 1_000_000);
        if (json()) {
            printJson(report);
        } else {
            print(out(), report, dryRun ? todo : List.of());
        }
        if (missing > 0) {
            err().println(name() + ": " + missing + " of " + sent + " outcomes did not arrive within "
                    + wait.toSeconds() + "s (is the pipeline running?)");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private void validate() {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "inverted range: --from " + from + " is after --to " + to);
        }
        if (engineVersion.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--engine-version must not be blank");
        }
        if (!(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "--rate must be > 0");
        }
        if (source != null && !source.equals("read-model") && !source.equals("events")) {
            throw new ParameterException(spec.commandLine(), "--source must be read-model or events, not '" + source + "'");
        }
        if (checkpointEvery < 1) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every must be >= 1");
        }
    }

    private long send(KafkaAccess kafka, List<Candidate> todo, ProgressMarker marker, long sentBefore,
            OutcomeWatch watch) throws Exception {
        UUID last = null;
        try (CommandSender sender = new CommandSender(kafka, rate, watch);
                Progress progress = progress("backfill: sending ReprocessOcr(" + engineVersion + ")", "commands",
                        todo.size())) {
            for (Candidate c : todo) {
                UUID documentId = c.document().documentId();
                // The attempt seen makes a run after a failed reprocess a new command (a new try), while two
                // runs that saw the same document send the same id.
                String intent = "backfill/" + engineVersion + "/" + c.document().ocr().attempt();
                sender.send(new Command(Ids.derive(documentId, intent), documentId,
                        Instant.now(), actor, new ReprocessOcr(engineVersion)));
                last = documentId;
                progress.set(sender.sent());
                if (sender.sent() % checkpointEvery == 0) {
                    checkpoint(sender, marker, last, sentBefore + sender.sent(), false);
                }
            }
            if (last != null) {
                checkpoint(sender, marker, last, sentBefore + sender.sent(), true);
            }
            return sender.sent();
        }
    }

    /** The marker moves only past commands the broker acknowledged. */
    private static void checkpoint(CommandSender sender, ProgressMarker marker, UUID last, long sent,
            boolean complete) throws Exception {
        try {
            sender.flush();
        } catch (CliException e) {
            throw new CliException(e.exitCode(), e.getMessage() + " (progress kept: rerun to resume)", e.getCause());
        }
        marker.save(new ProgressMarker.Mark(last, sent, complete, Instant.now()));
    }

    private static void print(PrintWriter out, BackfillReport r, List<Candidate> wouldSend) {
        out.printf(Locale.ROOT, "%s ReprocessOcr(%s) for documents registered %s..%s (from the %s)%n",
                r.dryRun() ? "dry run of backfill:" : "backfill:", r.engineVersion(), r.from(), r.to(),
                r.source().equals("events") ? "event log" : "read model");
        out.printf(Locale.ROOT, "  registered in range %,d: eligible %,d, already at %s or newer %,d, OCR running %,d,"
                + " not extracted %,d%s%n", r.registered(), r.eligible(), r.engineVersion(), r.alreadyServed(), r.busy(),
                r.notExtracted(), r.unreadableRows() > 0 ? ", unreadable rows " + r.unreadableRows() : "");
        if (r.resumedAfter() != null) {
            out.printf(Locale.ROOT, "  resumed after document %s (%,d eligible documents already sent)%n",
                    r.resumedAfter(), r.skippedByMarker());
        }
        if (r.dryRun()) {
            out.printf(Locale.ROOT, "  would send %,d command(s)%n", wouldSend.size());
            wouldSend.stream().limit(50).forEach(c -> out.printf(Locale.ROOT, "    %s (registered %s, %s, engine %s)%n",
                    c.document().documentId(), c.registeredAt(), c.document().state(),
                    c.document().ocr().servedEngineVersion()));
        } else {
            out.printf(Locale.ROOT, "  sent %,d command(s) in %,d ms; progress in %s%n", r.sent(), r.elapsedMs(),
                    r.marker());
        }
        if (r.busy() > 0) {
            out.printf(Locale.ROOT, "  note: %,d document(s) are being OCRed now; run the backfill again with --restart"
                    + " once they are done%n", r.busy());
        }
        if (r.outcomes() != null) {
            out.println("  outcomes:");
            r.outcomes().forEach((status, n) -> out.printf(Locale.ROOT, "    %-40s %,d%n", status, n));
            out.printf(Locale.ROOT, "  OCR jobs queued: %,d%n", r.newOcrJobs());
        }
    }
}
