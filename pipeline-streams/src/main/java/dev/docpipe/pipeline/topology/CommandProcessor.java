package dev.docpipe.pipeline.topology;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.tracing.DecisionSpan;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides {@code docpipe.commands}, one at a time per document: the partition (key = document id)
 * gives one writer per document, so the check ("is it SCANNED?") and the act (emit the OCR job)
 * cannot interleave with another command for the same document.
 */
final class CommandProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final TopologySettings settings;
    private final PipelineMetrics metrics;
    private final OutputEncoder encoder;
    private final DecisionTracing tracing;
    private final DocumentDecider decider;
    private DocumentRepository repository;
    private Emitter emit;
    private DecodeOrDeadLetter<Command> decoding;
    private ProcessorContext<byte[], byte[]> context;

    CommandProcessor(TopologySettings settings, PipelineMetrics metrics, OutputEncoder encoder,
            DecisionTracing tracing) {
        this.settings = settings;
        this.metrics = metrics;
        this.encoder = encoder;
        this.tracing = tracing;
        this.decider = new DocumentDecider(settings.leases());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.repository = DocpipeTopology.repository(context);
        this.emit = new Emitter(context, metrics, encoder);
        this.decoding = new DecodeOrDeadLetter<>(ModelJson.COMMANDS::decode, Command::documentId,
                settings.inputPartitions(), context, emit);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Command command = decoding.decode(record);
        if (command == null) {
            return;
        }
        try (DecisionSpan span = tracing.decide(command.type(), record.headers(), command.documentId())) {
            span.commandId(command.commandId());
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            StoredDocument before = repository.load(command.documentId());
            try {
                decide(command, before, now, record.timestamp(), span);
            } catch (RuntimeException e) {
                span.failed(e);
                if (Records.isKafkaFailure(e)) {
                    throw e; // let Streams abort the transaction and retry or fence
                }
                // Nothing was written (outputs are built before the store): the document is as it was.
                emit.deadLetter(record, DeadLetter.PROCESSING_ERROR, e.toString());
                answerProcessingError(command, before.document(), now, record.timestamp(), span);
            }
        }
    }

    private void decide(Command command, StoredDocument before, Instant now, long timestamp, DecisionSpan span) {
        var remembered = before.outcomeOf(command.commandId());
        if (remembered.isPresent()) {
            CommandOutcome duplicate = remembered.get().asDuplicate(command.documentId(), now);
            emit.outputs().outcome(duplicate, timestamp).send();
            span.outcome(duplicate);
            metrics.duplicateSuppressed(command.type());
            metrics.command(command.type(), "DUPLICATE");
            return;
        }

        Decision decision = decider.decide(before.document(), command, now);
        Transition transition =
                Transition.apply(before.document(), command.documentId(), decision.events(), command.commandId(), now);
        CommandOutcome outcome = outcome(command, decision.status(), decision.reason(), transition.after(),
                RequestedJobs.in(transition.recorded()).stream().map(Job::jobId).toList(), now);
        Emitter.Outputs outputs = emit.outputs().events(transition.recorded(), timestamp).outcome(outcome, timestamp);
        if (transition.after() != null) {
            StoredDocument after = before.remember(transition.after(), outcome, now, settings.commandIdRetention(),
                    settings.maxRememberedCommands());
            repository.save(command.documentId(), before, after);
        }
        outputs.send();
        span.outcome(outcome).events(transition.recorded());
        metrics.command(command.type(), outcome.status().name());
    }

    /** The caller waiting for this command's outcome gets one: it was refused, and nothing changed. */
    private void answerProcessingError(Command command, Document unchanged, Instant now, long timestamp,
            DecisionSpan span) {
        CommandOutcome refused = outcome(command, OutcomeStatus.REJECTED, Reason.PROCESSING_ERROR, unchanged,
                List.of(), now);
        try {
            emit.outputs().outcome(refused, timestamp).send();
            span.outcome(refused);
            metrics.command(command.type(), refused.status().name());
        } catch (RuntimeException e) {
            if (Records.isKafkaFailure(e)) {
                throw e;
            }
            log.error("no outcome for command {} (it is on docpipe.dlq)", command.commandId(), e);
        }
    }

    private static CommandOutcome outcome(Command command, OutcomeStatus status, Reason reason, Document after,
            List<UUID> jobIds, Instant now) {
        return new CommandOutcome(command.commandId(), command.documentId(), command.type(), status, reason, null,
                after == null ? null : after.state(), after == null ? 0 : after.version(),
                after == null ? 0 : after.review().version(), after == null ? 0 : after.scan().attempt(), jobIds, now);
    }
}
