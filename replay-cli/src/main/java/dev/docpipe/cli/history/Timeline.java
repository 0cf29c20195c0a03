package dev.docpipe.cli.history;

import dev.docpipe.cli.fold.FoldedDocument;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.JobLease;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a document's timeline from its events, outcomes and commands: ordered by when things were decided,
 * a decision's outcome just before the events it caused; cut at a {@link HistoryPoint}; with the state
 * folded from the events up to that point.
 */
final class Timeline {
    private record Sorted(TimelineEntry entry, long order) {}

    private final List<Located<RecordedEvent>> events;
    private final List<Located<CommandOutcome>> outcomes;
    private final Map<UUID, Located<Command>> commands;

    Timeline(List<Located<RecordedEvent>> events, List<Located<CommandOutcome>> outcomes,
            List<Located<Command>> commands) {
        this.events = events;
        this.outcomes = outcomes;
        this.commands = new LinkedHashMap<>();
        commands.forEach(c -> this.commands.putIfAbsent(c.value().commandId(), c));
    }

    /** The events that the point includes, in log order. */
    List<Located<RecordedEvent>> eventsUpTo(HistoryPoint point) {
        if (point == null) {
            return events;
        }
        return events.stream().filter(e -> switch (point) {
            case HistoryPoint.AtOffset o -> e.offset() <= o.offset();
            case HistoryPoint.AtVersion v -> e.value().version() <= v.version();
            case HistoryPoint.AtTime t -> !e.value().occurredAt().isAfter(t.time());
        }).toList();
    }

    List<TimelineEntry> entries(HistoryPoint point) {
        List<Located<RecordedEvent>> included = eventsUpTo(point);
        Map<UUID, Long> firstVersionByCause = new HashMap<>();
        for (Located<RecordedEvent> e : events) {
            firstVersionByCause.merge(e.value().causationId(), e.value().version(), Math::min);
        }
        List<Sorted> sorted = new ArrayList<>();
        for (Located<RecordedEvent> e : included) {
            RecordedEvent event = e.value();
            sorted.add(new Sorted(new TimelineEntry(event.occurredAt(), "event", e.topic(), e.partition(), e.offset(),
                    event.version(), event.type(), Summaries.event(event.event()), Redaction.tree(ModelJson.tree(event.event()))),
                    event.version() * 2));
        }
        Set<UUID> decided = new HashSet<>();
        for (Located<CommandOutcome> o : outcomes) {
            CommandOutcome outcome = o.value();
            decided.add(outcome.commandId());
            Located<Command> command = commands.get(outcome.commandId());
            Long first = outcome.status() == OutcomeStatus.ACCEPTED ? firstVersionByCause.get(outcome.commandId()) : null;
            long order = first != null ? first * 2 - 1 : outcome.documentVersion() * 2 + 1;
            sorted.add(new Sorted(new TimelineEntry(outcome.decidedAt(), "outcome", o.topic(), o.partition(),
                    o.offset(), outcome.documentVersion(), outcome.commandType(),
                    Summaries.outcome(outcome, command == null ? null : command.value()), ModelJson.tree(outcome)),
                    order));
        }
        for (Located<Command> c : commands.values()) {
            if (!decided.contains(c.value().commandId())) {
                sorted.add(new Sorted(new TimelineEntry(c.value().issuedAt(), "command", c.topic(), c.partition(),
                        c.offset(), 0, c.value().type(), Summaries.pendingCommand(c.value()),
                        Redaction.tree(ModelJson.tree(c.value().payload()))), Long.MAX_VALUE));
            }
        }
        sorted.sort(Comparator.comparing((Sorted s) -> s.entry().time()).thenComparingLong(Sorted::order));
        return cut(sorted, point, included).stream().map(Sorted::entry).toList();
    }

    private static List<Sorted> cut(List<Sorted> sorted, HistoryPoint point, List<Located<RecordedEvent>> included) {
        if (point == null) {
            return sorted;
        }
        if (point instanceof HistoryPoint.AtTime t) {
            return sorted.stream().filter(s -> !s.entry().time().isAfter(t.time())).toList();
        }
        if (included.isEmpty()) {
            return List.of();
        }
        RecordedEvent last = included.getLast().value();
        Instant lastTime = last.occurredAt();
        long lastOrder = last.version() * 2 + 1;
        return sorted.stream().filter(s -> !"event".equals(s.entry().kind())
                        ? s.entry().time().isBefore(lastTime)
                                || (s.entry().time().equals(lastTime) && s.order() <= lastOrder)
                        : true)
                .toList();
    }

    /** The state folded from the included events (null before the first). */
    static FoldedDocument state(List<Located<RecordedEvent>> included) {
        FoldedDocument fold = new FoldedDocument();
        for (Located<RecordedEvent> e : included) {
            fold.apply(e.value(), e.partition(), e.offset());
        }
        return fold;
    }

    /** Every job the included events dispatched, and its fate as of the point. */
    static List<JobSummary> jobs(List<Located<RecordedEvent>> included, Document state) {
        Map<UUID, String> fates = new HashMap<>();
        Map<UUID, List<String>> stale = new HashMap<>();
        Map<UUID, UUID> reissuedAs = new HashMap<>();
        for (Located<RecordedEvent> located : included) {
            RecordedEvent e = located.value();
            switch (e.event()) {
                case DocumentScanned r -> fates.put(r.jobId(), "succeeded (v" + e.version() + ")");
                case TextExtracted r -> fates.put(r.jobId(), "succeeded: " + r.engine() + " " + r.engineVersion()
                        + " (v" + e.version() + ")");
                case ScanAttemptFailed r -> fates.put(r.jobId(), "failed: " + r.reason() + " (v" + e.version() + ")");
                case OcrAttemptFailed r -> fates.put(r.jobId(), "failed: " + r.reason() + " (v" + e.version() + ")");
                case JobLeaseExpired r -> fates.putIfAbsent(r.jobId(), "lease expired (v" + e.version() + ")");
                case ErasedDocumentResultDiscarded r -> fates.putIfAbsent(r.jobId(), "result discarded: document erased"
                        + " (v" + e.version() + ")");
                case StaleJobResultIgnored r -> stale.computeIfAbsent(r.jobId(), id -> new ArrayList<>())
                        .add(r.resultType() + " ignored at v" + e.version());
                case ScanRequested r when r.issue() > 1 -> reissuedAs.put(e.causationId(), r.job().jobId());
                case OcrRequested r when r.issue() > 1 -> reissuedAs.put(e.causationId(), r.job().jobId());
                default -> { }
            }
        }
        JobLease current = state == null ? null : state.currentJob();
        List<JobSummary> jobs = new ArrayList<>();
        for (Located<RecordedEvent> located : included) {
            RecordedEvent e = located.value();
            int issue = switch (e.event()) {
                case ScanRequested r -> r.issue();
                case OcrRequested r -> r.issue();
                default -> 0;
            };
            for (Job job : RequestedJobs.of(e.event()).stream().toList()) {
                String fate = fates.get(job.jobId());
                if (reissuedAs.containsKey(job.jobId())) {
                    fate = (fate == null ? "lease expired" : fate) + ", re-issued as " + reissuedAs.get(job.jobId());
                }
                if (fate == null) {
                    fate = current != null && current.jobId().equals(job.jobId()) ? "in flight" : "superseded";
                }
                jobs.add(new JobSummary(job.jobId(), job.kind().name(), job.attempt(), issue, job.engineVersion(),
                        job.deadline(), e.version(), e.causationId(), fate, stale.getOrDefault(job.jobId(), List.of())));
            }
        }
        return jobs;
    }

    static String eventsTopic() {
        return Topics.EVENTS;
    }
}
