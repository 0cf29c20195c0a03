package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.header;
import static dev.docpipe.pipeline.topology.PipelineDriver.registration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands through the real topology: events, jobs and outcomes, and what is not emitted. */
class DecidingCommandsTest {
    private final PipelineDriver pipeline = new PipelineDriver(TopologySettings.DEFAULT);

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void registeringADocumentEmitsItsEventsOneScanJobAndAnAcceptedOutcome() {
        UUID documentId = UUID.randomUUID();
        Command register = command(documentId, registration());

        pipeline.send(register);

        var events = pipeline.eventRecords();
        assertThat(events).hasSize(2);
        assertThat(header(events.get(0), "ce_type")).isEqualTo("dev.docpipe.document.DocumentRegistered");
        assertThat(header(events.get(1), "ce_type")).isEqualTo("dev.docpipe.document.ScanRequested");
        assertThat(header(events.get(0), "ce_subject")).isEqualTo(documentId.toString());
        assertThat(header(events.get(0), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(events.get(0), "ce_source")).isEqualTo(CloudEvents.SOURCE);
        assertThat(header(events.get(0), "ce_id")).isNotEqualTo(header(events.get(1), "ce_id"));
        assertThat(header(events.get(0), "ce_time")).isNotBlank();
        assertThat(new String(events.get(0).key())).isEqualTo(documentId.toString());

        var jobs = pipeline.scanJobs();
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo(JobKind.SCAN);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.deadline()).isEqualTo(PipelineDriver.START.plus(TopologySettings.DEFAULT.leases().scanLease()));
        });
        assertThat(pipeline.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(outcome.reason()).isEqualTo(Reason.DOCUMENT_REGISTERED);
            assertThat(outcome.state()).isEqualTo(DocumentState.SCAN_PENDING);
            assertThat(outcome.documentVersion()).isEqualTo(2);
            assertThat(outcome.jobIds()).containsExactly(jobs.getFirst().jobId());
        });
    }

    @Test
    void manyConfirmationsOfOneDocumentEmitExactlyOneOcrJob() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.clearOutputs();

        for (int i = 0; i < 20; i++) {
            pipeline.send(command(documentId, new ConfirmScan()));
        }

        assertThat(pipeline.ocrJobs()).hasSize(1);
        var outcomes = pipeline.outcomes();
        assertThat(outcomes).hasSize(20);
        assertThat(outcomes.getFirst().status()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(outcomes.subList(1, outcomes.size())).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.ALREADY_DONE);
            assertThat(o.reason()).isEqualTo(Reason.ALREADY_CONFIRMED);
            assertThat(o.jobIds()).isEmpty();
        });
        assertThat(pipeline.events()).extracting(RecordedEvent::type).containsExactly("ScanConfirmed", "OcrRequested");
    }

    @Test
    void aRepeatedCommandIdAnswersTheOriginalOutcomeAsDuplicateAndDoesNothingElse() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.clearOutputs();
        Command confirm = command(documentId, new ConfirmScan());
        pipeline.send(confirm);
        CommandOutcome original = pipeline.outcomes().getFirst();
        pipeline.clearOutputs();

        pipeline.send(confirm);
        pipeline.send(confirm);

        assertThat(pipeline.outcomes()).hasSize(2).allSatisfy(duplicate -> {
            assertThat(duplicate.status()).isEqualTo(OutcomeStatus.DUPLICATE);
            assertThat(duplicate.originalStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(duplicate.commandId()).isEqualTo(original.commandId());
            assertThat(duplicate.jobIds()).isEqualTo(original.jobIds());
            assertThat(duplicate.documentVersion()).isEqualTo(original.documentVersion());
        });
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.ocrJobs()).isEmpty();
    }

    @Test
    void refusalsAreRememberedUpToTheBoundAndContentIdempotencyCoversTheRest() {
        try (PipelineDriver small = new PipelineDriver(new TopologySettings(TopologySettings.DEFAULT.leases(),
                TopologySettings.DEFAULT.commandIdRetention(), 2, TopologySettings.DEFAULT.leaseCheckInterval()))) {
            UUID documentId = small.scannedDocument();
            small.send(command(documentId, new ConfirmScan()));
            Command firstRefusal = command(documentId, new ConfirmScan());
            small.send(firstRefusal);
            small.send(command(documentId, new ConfirmScan()));
            small.send(command(documentId, new ConfirmScan()));
            small.clearOutputs();

            small.send(firstRefusal); // forgotten by now: only two refused command ids are kept per document

            assertThat(small.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.ALREADY_DONE);
                assertThat(o.reason()).isEqualTo(Reason.ALREADY_CONFIRMED);
            });
            assertThat(small.ocrJobs()).isEmpty();
        }
    }

    @Test
    void anAcceptedCommandOutlivesTheBoundOfRefusals() {
        try (PipelineDriver small = new PipelineDriver(new TopologySettings(TopologySettings.DEFAULT.leases(),
                TopologySettings.DEFAULT.commandIdRetention(), 2, TopologySettings.DEFAULT.leaseCheckInterval()))) {
            UUID documentId = small.scannedDocument();
            small.clearOutputs();
            Command confirm = command(documentId, new ConfirmScan());
            small.send(confirm);
            CommandOutcome original = small.outcomes().getFirst();
            for (int i = 0; i < 10; i++) {
                small.send(command(documentId, new Rescan(1))); // REJECTED: ALREADY_CONFIRMED
            }
            small.clearOutputs();

            small.send(confirm);

            assertThat(small.outcomes()).singleElement()
                    .satisfies(duplicate -> assertThat(duplicate).isEqualTo(original.asDuplicate(duplicate.decidedAt())));

            assertThat(small.ocrJobs()).isEmpty();
        }
    }

    @Test
    void aRescanWhileTheScanIsInFlightEmitsNoJob() {
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()));
        pipeline.clearOutputs();

        pipeline.send(command(documentId, new Rescan(1)));

        assertThat(pipeline.scanJobs()).isEmpty();
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.IN_PROGRESS);
            assertThat(o.reason()).isEqualTo(Reason.SCAN_IN_PROGRESS);
        });
    }

    @Test
    void aCommandForAnUnknownDocumentIsRejectedAndStoresNothing() {
        UUID documentId = UUID.randomUUID();

        pipeline.send(command(documentId, new ConfirmScan()));

        assertThat(pipeline.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(o.reason()).isEqualTo(Reason.DOCUMENT_NOT_FOUND);
            assertThat(o.state()).isNull();
            assertThat(o.documentVersion()).isZero();
        });
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.driver.getKeyValueStore(DocumentRepository.STORE).get(documentId.toString())).isNull();
    }
}
