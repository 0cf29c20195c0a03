package dev.docpipe.cli.history;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.fold.FoldedDocument;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.Partitioning;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.DocumentIdConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.json.Codec;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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

    @Option(names = "--at", paramLabel = "<offset|time|vN>", converter = HistoryPoint.Converter.class,
            description = "Show the timeline and the state as of this point: an offset of docpipe.events"
                    + " (in the document's partition), a time (2026-01-05T10:00:00Z, 2026-01-05), or a version (v7).")
    HistoryPoint at;

    @Option(names = "--no-commands", negatable = false,
            description = "Do not read docpipe.commands (actors and payloads, commands without an outcome yet).")
    boolean noCommands;

    @Override
    protected int execute() {
        KafkaAccess kafka = kafka();
        byte[] key = Partitioning.key(documentId);
        List<Located<RecordedEvent>> events = new ArrayList<>();
        List<Located<CommandOutcome>> outcomes = new ArrayList<>();
        List<Located<Command>> commands = new ArrayList<>();
        int eventsPartition = read(kafka, Topics.EVENTS, key, ModelJson.EVENTS, events);
        int outcomesPartition = read(kafka, Topics.COMMAND_OUTCOMES, key, ModelJson.OUTCOMES, outcomes);
        Integer commandsPartition = null;
        if (!noCommands && kafka.topicExists(Topics.COMMANDS)) {
            commandsPartition = read(kafka, Topics.COMMANDS, key, ModelJson.COMMANDS, commands);
        }
        events.removeIf(e -> !e.value().documentId().equals(documentId));
        outcomes.removeIf(o -> !o.value().documentId().equals(documentId));
        commands.removeIf(c -> !c.value().documentId().equals(documentId));
        if (events.isEmpty() && outcomes.isEmpty() && commands.isEmpty()) {
            throw CliException.usage("document " + documentId + " not found: no events, outcomes or commands for it"
                    + " (looked in partition " + eventsPartition + " of " + Topics.EVENTS + ")");
        }

        Timeline timeline = new Timeline(events, outcomes, commands);
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

    /** Reads the document's partition of {@code topic}, decoding only the records keyed by the document. */
    private <T> int read(KafkaAccess kafka, String topic, byte[] key, Codec<T> codec, List<Located<T>> into) {
        List<TopicPartition> partitions = kafka.partitions(topic);
        int partition = Partitioning.partitionOf(documentId, partitions.size());
        TopicPartition tp = new TopicPartition(topic, partition);
        List<PartitionRange> range = TopicScan.ranges(kafka.beginningOffsets(List.of(tp)),
                kafka.endOffsets(List.of(tp)));
        List<String> unreadable = new ArrayList<>();
        try (Progress progress = progress("history: reading " + topic + " partition " + partition, "records",
                TopicScan.size(range))) {
            TopicScan.read(kafka, range, batch -> {
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (Arrays.equals(r.key(), key)) {
                        try {
                            into.add(new Located<>(codec.decode(r.value()), topic, r.partition(), r.offset()));
                        } catch (RejectedRecordException e) {
                            unreadable.add(r.partition() + ":" + r.offset());
                        }
                    }
                }
            }, progress);
        }
        if (!unreadable.isEmpty()) {
            err().println("history: skipped unreadable records of " + topic + " at " + unreadable);
        }
        return partition;
    }

    private static String describe(HistoryPoint point) {
        return switch (point) {
            case HistoryPoint.AtOffset o -> "offset " + o.offset();
            case HistoryPoint.AtVersion v -> "v" + v.version();
            case HistoryPoint.AtTime t -> t.time().toString();
        };
    }
}
