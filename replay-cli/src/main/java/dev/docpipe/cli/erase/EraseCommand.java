package dev.docpipe.cli.erase;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.fold.DocumentFold;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.fold.FoldedDocument;
import dev.docpipe.cli.kafka.CommandSender;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.OutcomeWatch;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.DocumentIdConverter;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@picocli.CommandLine.Command(name = "erase",
        header = "Erase a document, or every document of a child, on request (EraseDocument).",
        sortOptions = false,
        description = {
            "Sends EraseDocument for one document (--document) or for every document the event log registers for "
            + "a child (--child), as an operator (actor operator:<name>), and prints each outcome. Erasure is "
            + "decided by the pipeline like every command: the document becomes ERASED, its data key, blobs and "
            + "read-model fields are destroyed downstream, and every later command is refused (DOCUMENT_ERASED). "
            + "Command ids are derived from the document, so a rerun is DUPLICATE (or ALREADY_DONE once the id is "
            + "forgotten) and erases nothing twice. The child's own record (its name) is the API's to erase."})
public final class EraseCommand extends OperatorCommand {

    /** Which documents: exactly one of the two forms. */
    static final class Target {
        @Option(names = "--document", required = true, paramLabel = "<documentId>",
                converter = DocumentIdConverter.class, description = "The document to erase.")
        UUID documentId;

        @Option(names = "--child", required = true, paramLabel = "<childId>", converter = DocumentIdConverter.class,
                description = "Erase every document of this child, as the event log has them.")
        UUID childId;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--operator", paramLabel = "<name>", defaultValue = "${sys:user.name}",
            description = "Who erases: recorded as actor operator:<name> (default: ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "30s", converter = DurationConverter.class,
            description = "Wait this long for the outcomes (default: ${DEFAULT-VALUE}; 0s: send and do not wait).")
    Duration wait;

    /** One document's erasure: its command, and its outcome once it arrived ("STATUS REASON"), else null. */
    public record Erasure(UUID documentId, UUID commandId, String outcome) {}

    public record Report(String selection, String actor, List<Erasure> erasures, long sent, long missingOutcomes) {}

    /** The command id of erasing {@code documentId}: the same on every run, so a rerun is a duplicate. */
    static UUID commandId(UUID documentId) {
        return Ids.derive(documentId, "erase");
    }

    @Override
    protected int execute() throws Exception {
        if (operator == null || operator.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--operator must not be blank");
        }
        KafkaAccess kafka = kafka();
        kafka.partitions(Topics.COMMANDS); // exit 2 now if the pipeline's topics are not there
        List<UUID> documents = target.documentId != null ? List.of(target.documentId) : documentsOf(kafka,
                target.childId);
        String actor = "operator:" + operator.strip();
        Instant now = Instant.now();
        OutcomeWatch watch = wait.isZero() || documents.isEmpty() ? null : new OutcomeWatch(kafka);
        long sent;
        try (CommandSender sender = new CommandSender(kafka, null, watch);
                Progress progress = progress("erase: sending EraseDocument", "commands", documents.size())) {
            for (UUID documentId : documents) {
                sender.send(new Command(commandId(documentId), documentId, now, actor, new EraseDocument()));
                progress.set(sender.sent());
            }
            sender.flush();
            sent = sender.sent();
        }
        long missing = 0;
        if (watch != null) {
            try (Progress progress = progress("erase: awaiting outcomes", "outcomes", sent)) {
                missing = watch.await(wait, progress);
            }
        }
        List<Erasure> erasures = new ArrayList<>();
        boolean refused = false;
        for (UUID documentId : documents) {
            CommandOutcome outcome = watch == null ? null : watch.outcomes().get(commandId(documentId));
            refused |= outcome != null && outcome.status() == OutcomeStatus.REJECTED;
            erasures.add(new Erasure(documentId, commandId(documentId), outcome == null ? null
                    : outcome.status() + " " + outcome.reason()));
        }
        Report report = new Report(target.documentId != null ? "document " + target.documentId
                : "child " + target.childId, actor, erasures, sent, missing);
        if (json()) {
            printJson(report);
        } else {
            print(out(), report);
        }
        if (missing > 0) {
            err().println(name() + ": " + missing + " of " + sent + " outcomes did not arrive within "
                    + wait.toSeconds() + "s (is the pipeline running?)");
            return ExitCodes.FAILURE;
        }
        return refused ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Every document the event log registers for {@code childId}, erased ones included (they answer ALREADY_DONE). */
    private List<UUID> documentsOf(KafkaAccess kafka, UUID childId) {
        DocumentFold fold = new DocumentFold();
        try (Progress progress = progress("erase: folding " + Topics.EVENTS, "events", 0)) {
            List<PartitionRange> log = EventLog.wholeLog(kafka);
            progress.total(TopicScan.size(log));
            EventLog.read(kafka, log, fold::accept, progress);
        }
        return fold.documents().values().stream().map(FoldedDocument::document)
                .filter(d -> d != null && childId.equals(d.childId()))
                .map(d -> d.documentId()).sorted().toList();
    }

    private static void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "erase: %s as %s: %,d document(s)%n", r.selection(), r.actor(), r.erasures().size());
        for (Erasure e : r.erasures()) {
            out.printf(Locale.ROOT, "    %s -> %s (command %s)%n", e.documentId(),
                    e.outcome() == null ? "sent, no outcome awaited" : e.outcome(), e.commandId());
        }
    }
}
