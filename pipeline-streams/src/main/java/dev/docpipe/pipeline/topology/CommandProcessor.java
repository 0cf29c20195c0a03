package dev.docpipe.pipeline.topology;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decides {@code docpipe.commands}, one at a time per document: the partition (key = document id)
 * gives one writer per document, so the check ("is it SCANNED?") and the act (emit the OCR job)
 * cannot interleave with another command for the same document.
 */
final class CommandProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final TopologySettings settings;
    private final PipelineMetrics metrics;
    private final DocumentDecider decider;
    private DocumentRepository repository;
    private Emitter emit;
    private ProcessorContext<byte[], byte[]> context;

    CommandProcessor(TopologySettings settings, PipelineMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.decider = new DocumentDecider(settings.leases());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.repository = DocpipeTopology.repository(context);
        this.emit = new Emitter(context, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Command command;
        try {
            command = ModelJson.COMMANDS.decode(record.value());
            Records.requireKey(record, command.documentId());
        } catch (RejectedRecordException e) {
            emit.deadLetter(record, e.reason().name(), e.getMessage());
            return;
        }
        try {
            decide(command, record.timestamp());
        } catch (RuntimeException e) {
            if (Records.isKafkaFailure(e)) {
                throw e; // let Streams abort the transaction and retry or fence
            }
            emit.deadLetter(record, DeadLetter.PROCESSING_ERROR, e.toString());
        }
    }

    private void decide(Command command, long timestamp) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        StoredDocument before = repository.load(command.documentId());

        var remembered = before.outcomeOf(command.commandId());
        if (remembered.isPresent()) {
            emit.outcome(remembered.get().asDuplicate(command.documentId(), now), timestamp);
            metrics.duplicateSuppressed(command.type());
            metrics.command(command.type(), "DUPLICATE");
            return;
        }

        Decision decision = decider.decide(before.document(), command, now);
        Transition transition =
                Transition.apply(before.document(), command.documentId(), decision.events(), command.commandId(), now);
        CommandOutcome outcome = outcome(command, decision, transition, now);
        if (transition.after() != null) {
            StoredDocument after = before.remember(transition.after(), outcome, now, settings.commandIdRetention(),
                    settings.maxRememberedCommands());
            repository.save(command.documentId(), before, after);
        }
        emit.events(transition.recorded(), timestamp);
        emit.outcome(outcome, timestamp);
        metrics.command(command.type(), outcome.status().name());
    }

    private static CommandOutcome outcome(Command command, Decision decision, Transition transition, Instant now) {
        Document after = transition.after();
        List<UUID> jobIds = RequestedJobs.in(transition.recorded()).stream().map(Job::jobId).toList();
        return new CommandOutcome(command.commandId(), command.documentId(), command.type(), decision.status(),
                decision.reason(), null, after == null ? null : after.state(), after == null ? 0 : after.version(),
                after == null ? 0 : after.review().version(), after == null ? 0 : after.scan().attempt(), jobIds, now);
    }
}
