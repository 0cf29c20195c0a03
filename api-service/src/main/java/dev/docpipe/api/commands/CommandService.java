package dev.docpipe.api.commands;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends one command and waits (bounded) for its outcome: register the commandId with the
 * {@link OutcomeWaiter}, produce it (key = documentId, idempotent producer, acks=all), wait. A
 * command answered without its outcome is recorded as pending for GET /api/v1/commands/{id}. An
 * accepted command (and any erasure answered as done) also waits, within the same budget, until the read
 * model shows the new version, so a GET right after the response sees what the response announced.
 */
@Service
public class CommandService {
    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    private static final Duration PROJECTION_POLL = Duration.ofMillis(10);

    private final KafkaTemplate<String, byte[]> kafka;
    private final OutcomeWaiter outcomes;
    private final CommandLog commandLog;
    private final DocumentQueries documents;
    private final Duration outcomeWait;
    private final Duration sendTimeout;
    private final MeterRegistry metrics;
    private final PersonalFields personalFields;

    public CommandService(KafkaTemplate<String, byte[]> kafka, OutcomeWaiterLifecycle outcomes, CommandLog commandLog,
            DocumentQueries documents, ApiProperties properties, MeterRegistry metrics, PersonalFields personalFields) {
        this.kafka = kafka;
        this.outcomes = outcomes.waiter();
        this.commandLog = commandLog;
        this.documents = documents;
        this.outcomeWait = properties.outcomeWait();
        this.sendTimeout = properties.sendTimeout();
        this.metrics = metrics;
        this.personalFields = personalFields;
    }

    /**
     * @param outcome null if it did not arrive within docpipe.api.outcome-wait
     */
    public record Submitted(Command command, UUID childId, CommandOutcome outcome) {
        public boolean decided() {
            return outcome != null;
        }
    }

    /**
     * The command a request asks for, issued now by the caller, with its personal fields sealed under the
     * document's data key (docs/decisions/0012): no topic ever gets them in plain text. A registration creates
     * the key first; a crash before the command is sent leaves an unused key row, which is harmless.
     */
    public Command command(Caller caller, UUID commandId, UUID documentId, CommandPayload payload) {
        Command command = new Command(commandId, documentId, Instant.now(), caller.actor(), payload);
        switch (payload) {
            case RegisterDocument register -> personalFields.keys().create(documentId, register.childId());
            // a document registered before fields were sealed gets its key with its first sealed edit
            case EditReview edit when !personalFields.keys().exists(documentId) -> personalFields.keys().create(
                    documentId, documents.childOf(documentId).orElseThrow(() -> new IllegalStateException(
                            "document " + documentId + " is not in the read model: its owner was checked before")));
            default -> { }
        }
        return personalFields.seal(command);
    }

    /** Sends {@code encoded}'s bytes as they are and waits (bounded) for the command's outcome. */
    public Submitted submit(Caller caller, UUID childId, EncodedCommand encoded) {
        Command command = encoded.command();
        UUID commandId = command.commandId();
        UUID documentId = command.documentId();
        long started = System.nanoTime();
        CompletableFuture<CommandOutcome> future = outcomes.expect(commandId);
        try {
            // Only a send the broker confirmed goes on to wait for an outcome (and maybe a 202); anything
            // else is a 503, and the caller's Idempotency-Key claim is left for a retry to take over.
            kafka.send(new ProducerRecord<>(Topics.COMMANDS, documentId.toString(), encoded.bytes()))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcomes.forget(commandId);
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            outcomes.forget(commandId);
            log.warn("command {} for {} could not be produced", commandId, documentId, e);
            throw unavailable(e);
        }
        Duration left = outcomeWait.minusNanos(System.nanoTime() - started);
        CommandOutcome outcome = outcomes.await(commandId, future, left);
        Timer.builder("docpipe.api.outcome.wait")
                .description("from receiving a command request to its outcome (or giving up)")
                .tag("command", command.type())
                .tag("result", outcome == null ? "timeout" : outcome.effectiveStatus().name())
                .register(metrics)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (outcome == null) {
            // answered 202: GET /api/v1/commands/{id} must know the command until its outcome is logged
            commandLog.recordPending(command, caller.accountId(), childId);
        } else if (outcome.effectiveStatus() == OutcomeStatus.ACCEPTED || CommandReplies.erased(outcome)) {
            // an erasure's 204, even the ALREADY_DONE of a concurrent one, means the read model has forgotten
            awaitProjection(documentId, outcome.documentVersion(), started);
        }
        return new Submitted(command, childId, outcome);
    }

    private void awaitProjection(UUID documentId, long version, long started) {
        long deadline = started + outcomeWait.toNanos();
        while (documents.version(documentId).orElse(0) < version && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PROJECTION_POLL.toNanos());
        }
    }

    private static ApiProblem unavailable(Exception cause) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE",
                "the command could not be queued in time; retry later, with the same Idempotency-Key to be sure"
                        + " it runs at most once (the producer may still deliver it)");
    }
}
