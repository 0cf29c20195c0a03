package dev.docpipe.cli.history;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.support.DocumentIdConverter;
import dev.docpipe.history.DocumentRecordReader;
import dev.docpipe.history.DocumentRecords;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.history.HistoryPoint;
import dev.docpipe.history.Located;
import dev.docpipe.history.Redaction;
import dev.docpipe.history.Timeline;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.outcome.CommandOutcome;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@picocli.CommandLine.Command(name = "history",
        header = "A document's timeline (commands, decisions, jobs, results) and its state at any point.",
        sortOptions = false,
        description = {
            "A document's timeline from docpipe.events and docpipe.command-outcomes (read_committed): every "
            + "command with its decision and reason, every job and what became of it, every result (accepted or "
            + "ignored as stale), and the document's state folded from its events. Only the document's partition of "
            + "each topic is read (all topics are keyed by document id)."})
public final class HistoryCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "<documentId>", converter = DocumentIdConverter.class,
            description = "The document (a UUID).")
    UUID documentId;

    @Option(names = "--at", paramLabel = "<offset|time|vN>", converter = HistoryPointConverter.class,
            description = "Show the timeline and the state as of this point: an offset of docpipe.events"
                    + " (in the document's partition), a time (2026-01-05T10:00:00Z, 2026-01-05), or a version (v7).")
    HistoryPoint at;

    @Option(names = "--no-commands", negatable = false,
            description = "Do not read docpipe.commands (actors and payloads, commands without an outcome yet).")
    boolean noCommands;

    @Override
    protected int execute() {
        KafkaAccess kafka = kafka();
        // The CLI reads the whole partition (no bound): an operator asking for one document wants all of it.
        DocumentRecords records = new DocumentRecordReader(kafka, kafka.timeout(), Long.MAX_VALUE)
                .read(documentId, !noCommands);
        if (!records.unreadable().isEmpty()) {
            err().println("history: skipped unreadable records at " + records.unreadable());
        }
        List<Located<RecordedEvent>> events = records.events();
        List<Located<CommandOutcome>> outcomes = records.outcomes();
        List<Located<Command>> commands = records.commands();
        int eventsPartition = records.eventsPartition();
        int outcomesPartition = records.outcomesPartition();
        Integer commandsPartition = records.commandsPartition();
        if (eventsPartition < 0) {
            throw CliException.usage("topic " + Topics.EVENTS + " does not exist on " + kafka.bootstrapServers());
        }
        if (records.isEmpty()) {
            throw CliException.usage("document " + documentId + " not found: no events, outcomes or commands for it"
                    + " (looked in partition " + eventsPartition + " of " + Topics.EVENTS + ")");
        }

        Timeline timeline = records.timeline();
        List<Located<RecordedEvent>> included = timeline.eventsUpTo(at);
        FoldedDocument state = Timeline.state(included);
        HistoryReport report = new HistoryReport(documentId,
                new HistoryReport.Partitions(eventsPartition, outcomesPartition, commandsPartition),
                at == null ? null : describe(at),
                new HistoryReport.Counts(included.size(), commands.size(), outcomes.size(),
                        included.stream().filter(e -> RequestedJobs.of(e.value().event())
                                .isPresent()).count(),
                        included.stream().filter(e -> e.value().event()
                                instanceof StaleJobResultIgnored).count()),
                timeline.entries(at), Timeline.jobs(included, state.document()), Redaction.of(state.document()),
                included.isEmpty() ? null : included.getLast().offset());
        if (json()) {
            printJson(report);
        } else {
            HistoryText.print(out(), report);
        }
        return ExitCodes.OK;
    }

    private static String describe(HistoryPoint point) {
        return switch (point) {
            case HistoryPoint.AtOffset o -> "offset " + o.offset();
            case HistoryPoint.AtVersion v -> "v" + v.version();
            case HistoryPoint.AtTime t -> t.time().toString();
        };
    }
}
