package dev.docpipe.cli.redrive;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.OffsetRanges;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.cli.support.RangeBound;
import dev.docpipe.cli.support.Rate;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@picocli.CommandLine.Command(name = "redrive",
        header = "Re-publish a range of docpipe.commands (or predict it with --dry-run).",
        sortOptions = false,
        description = {
            "Re-publishes a range of docpipe.commands unchanged (same key, value and commandId, same partition; a "
            + "header docpipe.redriven-from names the original). The pipeline answers DUPLICATE while it remembers "
            + "the command id, and decides by content after that: commands already served cause no new job.",
            "--dry-run predicts instead: it folds the event log and runs the decider on each command (no I/O but "
            + "reading). The real run waits for every outcome and reports the jobs the redrive caused, "
            + "read_committed. Records the pipeline would dead-letter are not redriven (see 'docpipe dlq')."})
public final class RedriveCommand extends OperatorCommand {
    static final String REDRIVEN_FROM = "docpipe.redriven-from";

    @Option(names = "--topic", paramLabel = "<topic>", defaultValue = Topics.COMMANDS,
            description = "The topic to redrive (only ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from", required = true, paramLabel = "<offset|time>", converter = RangeBound.Converter.class,
            description = "First record: an offset (per partition), a time (2026-01-05T10:00:00Z, 2026-01-05) or earliest.")
    RangeBound from;

    @Option(names = "--to", required = true, paramLabel = "<offset|time>", converter = RangeBound.Converter.class,
            description = "Last record, inclusive: an offset, a time (a bare date means the whole day) or latest.")
    RangeBound to;

    @Option(names = "--partition", paramLabel = "<n>",
            description = "Only this partition (default: all; offsets then apply to each partition).")
    Integer partition;

    @Option(names = "--dry-run", description = "Predict the outcomes and new jobs; send nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to wait for the outcomes of the redriven commands (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--rate", paramLabel = "<n/s>", description = "At most this many commands per second (default: no limit).")
    Double rate;

    @Option(names = "--fail-on-new-jobs", description = "Exit 1 if the redrive caused (or would cause) any job.")
    boolean failOnNewJobs;

    @Override
    protected int execute() throws Exception {
        if (!Topics.COMMANDS.equals(topic)) {
            throw new ParameterException(spec.commandLine(), "only " + Topics.COMMANDS + " can be redriven, not '" + topic
                    + "' (dead-lettered records: 'docpipe dlq replay')");
        }
        if (rate != null && !(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "--rate must be > 0");
        }
        try {
            OffsetRanges.validate(from, to);
        } catch (CliException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long started = System.nanoTime();
        KafkaAccess kafka = kafka();
        List<PartitionRange> ranges = OffsetRanges.resolve(kafka, topic, partition, from, to);
        List<RedriveItem> items = read(kafka, ranges);
        List<Command> commands = items.stream().filter(RedriveItem::readable).map(RedriveItem::command).toList();
        long unreadable = items.size() - commands.size();
        List<String> rangeText = ranges.stream().filter(r -> !r.isEmpty())
                .map(r -> r.partition().partition() + ":" + r.from() + "-" + (r.until() - 1)).toList();

        RedriveReport report;
        if (dryRun) {
            Set<UUID> documents = new HashSet<>();
            commands.forEach(c -> documents.add(c.documentId()));
            Map<UUID, Document> states;
            try (Progress progress = progress("redrive: folding docpipe.events", "events", 0)) {
                states = documents.isEmpty() ? Map.of() : DryRun.fold(kafka, documents, progress);
            }
            DryRun.Prediction p = DryRun.predict(states, commands, Instant.now(), 20);
            report = new RedriveReport(true, topic, rangeText, items.size(), commands.size(), unreadable, p.outcomes(),
                    p.jobs(), p.jobsByKind(), null, 0, null, p.samples(),
                    "predicted by content; while the pipeline remembers a command id it answers DUPLICATE instead",
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            report = send(kafka, items, rangeText, unreadable, started);
        }
        if (json()) {
            printJson(report);
        } else {
            print(out(), report);
        }
        if (report.missingOutcomes() > 0) {
            err().println(name() + ": " + report.missingOutcomes() + " of " + report.commands()
                    + " outcomes did not arrive within " + wait.toSeconds() + "s (is the pipeline running?)");
            return ExitCodes.FAILURE;
        }
        return failOnNewJobs && report.newJobs() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private List<RedriveItem> read(KafkaAccess kafka, List<PartitionRange> ranges) {
        List<RedriveItem> items = new ArrayList<>();
        try (Progress progress = progress("redrive: reading " + topic, "commands", TopicScan.size(ranges))) {
            TopicScan.read(kafka, ranges, batch -> batch.forEach(r -> items.add(item(r))), progress);
        }
        return items;
    }

    private static RedriveItem item(ConsumerRecord<byte[], byte[]> record) {
        try {
            Command command = ModelJson.COMMANDS.decode(record.value());
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (!command.documentId().toString().equals(key)) {
                return new RedriveItem(record, null, "KEY_MISMATCH");
            }
            return new RedriveItem(record, command, null);
        } catch (RejectedRecordException e) {
            return new RedriveItem(record, null, e.reason().name());
        }
    }

    private RedriveReport send(KafkaAccess kafka, List<RedriveItem> items, List<String> rangeText, long unreadable,
            long started) throws Exception {
        RedriveWatch watch = new RedriveWatch(kafka);
        long sent = 0;
        Rate limiter = rate == null ? null : new Rate(rate);
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer();
                Progress progress = progress("redrive: sending", "commands", items.size() - unreadable)) {
            for (RedriveItem item : items) {
                if (!item.readable()) {
                    continue;
                }
                if (limiter != null) {
                    limiter.acquire();
                }
                ConsumerRecord<byte[], byte[]> r = item.record();
                RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                headers.remove(REDRIVEN_FROM);
                headers.add(REDRIVEN_FROM, (r.topic() + "/" + r.partition() + "/" + r.offset())
                        .getBytes(StandardCharsets.UTF_8));
                pending.add(producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value(), headers)));
                watch.expect(item.command().commandId());
                progress.set(++sent);
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw CliException.failure("sending to " + topic + " failed after " + sent + " commands: "
                        + e.getCause().getMessage());
            }
        }
        long missing;
        try (Progress progress = progress("redrive: awaiting outcomes", "outcomes", sent)) {
            missing = watch.awaitOutcomes(wait, progress);
        }
        List<RecordedEvent> events = watch.causedEvents();
        List<Job> jobs = watch.causedJobs(events);
        Map<String, Long> byKind = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (Job job : jobs) {
            byKind.merge(job.kind().name(), 1L, Long::sum);
            if (samples.size() < 20) {
                samples.add(job.kind() + " job " + job.jobId() + " of document " + job.documentId());
            }
        }
        return new RedriveReport(false, topic, rangeText, items.size(), sent, unreadable, watch.statuses(),
                jobs.size(), byKind, (long) events.size(), missing, watch.jobTopicGrowth(), samples, null,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void print(PrintWriter out, RedriveReport r) {
        out.printf(Locale.ROOT, "%s %s %s: %,d records, %,d commands%s%n", r.dryRun() ? "dry run of redrive" : "redrove",
                r.topic(), r.ranges().isEmpty() ? "(empty range)" : String.join(" ", r.ranges()), r.records(),
                r.commands(), r.unreadable() > 0 ? ", " + r.unreadable() + " unreadable (not redriven)" : "");
        out.println(r.dryRun() ? "  predicted outcomes:" : "  outcomes:");
        r.outcomes().forEach((status, n) -> out.printf(Locale.ROOT, "    %-40s %,d%n", status, n));
        if (r.missingOutcomes() > 0) {
            out.printf(Locale.ROOT, "    %-40s %,d%n", "(no outcome yet)", r.missingOutcomes());
        }
        if (r.dryRun()) {
            out.printf(Locale.ROOT, "  would emit %,d new job(s) %s%n", r.newJobs(), r.newJobsByKind().isEmpty() ? ""
                    : r.newJobsByKind());
        } else {
            out.printf(Locale.ROOT, "  new events caused: %,d; new jobs caused (read_committed): %,d %s%n",
                    r.newEvents(), r.newJobs(), r.newJobsByKind().isEmpty() ? "" : r.newJobsByKind());
            out.printf(Locale.ROOT, "  job topics' end offsets moved by %,d meanwhile (any cause, incl. transaction"
                    + " markers)%n", r.jobTopicGrowth());
        }
        r.jobSamples().forEach(s -> out.println("    " + s));
        if (r.note() != null) {
            out.println("  note: " + r.note());
        }
    }
}
