package dev.docpipe.cli.redrive;

import dev.docpipe.cli.fold.DocumentFold;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Predicts commands without sending anything (a redrive's, a retry-ocr's): folds the event log of the documents
 * concerned and runs {@link DocumentDecider#decide} on each command in order, as the pipeline would once it has
 * forgotten the command ids (while it remembers them it answers DUPLICATE, which emits nothing either way). Pure
 * past the read.
 */
public final class DryRun {
    public record Prediction(Map<String, Long> outcomes, Map<String, Long> jobsByKind, List<String> samples) {
        public long jobs() {
            return jobsByKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private DryRun() {}

    public static Map<UUID, Document> fold(KafkaAccess kafka, Set<UUID> documents, Progress progress) {
        DocumentFold fold = DocumentFold.only(documents);
        List<PartitionRange> log = EventLog.wholeLog(kafka);
        progress.total(TopicScan.size(log));
        EventLog.read(kafka, log, EventLog.keysOf(documents), fold::accept, progress);
        Map<UUID, Document> states = new HashMap<>();
        for (Map.Entry<UUID, FoldedDocument> e : fold.documents().entrySet()) {
            states.put(e.getKey(), e.getValue().document());
        }
        return states;
    }

    public static Prediction predict(Map<UUID, Document> states, List<Command> commands, Instant now, int maxSamples) {
        DocumentDecider decider = new DocumentDecider(LeasePolicy.DEFAULT);
        Map<UUID, Document> current = new HashMap<>(states);
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> jobs = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (Command command : commands) {
            if (!seen.add(command.commandId())) {
                // The pipeline remembers the id it just decided: a repeat within the range is a DUPLICATE.
                outcomes.merge("DUPLICATE", 1L, Long::sum);
                continue;
            }
            Document before = current.get(command.documentId());
            Decision decision = decider.decide(before, command, now);
            outcomes.merge(decision.status().name() + " " + decision.reason(), 1L, Long::sum);
            if (decision.events().isEmpty()) {
                continue;
            }
            Transition t = Transition.apply(before, command.documentId(), decision.events(), command.commandId(), now);
            current.put(command.documentId(), t.after());
            for (Job job : RequestedJobs.in(t.recorded())) {
                jobs.merge(job.kind().name(), 1L, Long::sum);
                if (samples.size() < maxSamples) {
                    samples.add(command.type() + " " + command.commandId() + " of document " + command.documentId()
                            + " -> new " + job.kind() + " job " + job.jobId());
                }
            }
        }
        return new Prediction(outcomes, jobs, samples);
    }
}
