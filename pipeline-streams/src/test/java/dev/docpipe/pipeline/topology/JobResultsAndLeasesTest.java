package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.START;
import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.registration;
import static dev.docpipe.pipeline.topology.PipelineDriver.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Results fenced by job id, and leases that re-issue or fail jobs on the wall clock. */
class JobResultsAndLeasesTest {
    static final TopologySettings SHORT_LEASES = new TopologySettings(
            new LeasePolicy(Duration.ofSeconds(10), Duration.ofSeconds(20), 2), Duration.ofHours(24), 64,
            Duration.ofSeconds(1));

    private final PipelineDriver pipeline = new PipelineDriver(SHORT_LEASES);

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aLateResultOfASupersededScanChangesNothing() {
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()));
        Job first = pipeline.scanJobs().getFirst();
        pipeline.sendResult(new ScanFailed(first.jobId(), documentId, START, "CORRUPT_FILE", false, "bad xref"));
        pipeline.send(command(documentId, new Rescan(1)));
        Job second = pipeline.scanJobs().getFirst();
        pipeline.clearOutputs();

        pipeline.sendResult(new ScanSucceeded(first.jobId(), documentId, START, report()));

        assertThat(pipeline.events()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(new StaleJobResultIgnored(first.jobId(), "ScanSucceeded", second.jobId()));
        });
        // Still waiting for the second scan: confirming is refused, and the second result is accepted.
        pipeline.send(command(documentId, new ConfirmScan()));
        assertThat(pipeline.outcomes().getFirst().status()).isEqualTo(OutcomeStatus.REJECTED);
        pipeline.sendResult(new ScanSucceeded(second.jobId(), documentId, START, report()));
        assertThat(pipeline.events()).extracting(RecordedEvent::type).containsExactly("DocumentScanned");
    }

    @Test
    void anExpiredLeaseReissuesExactlyOneJobUnderANewId() {
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()));
        Job first = pipeline.scanJobs().getFirst();
        pipeline.clearOutputs();

        pipeline.advanceClock(Duration.ofSeconds(5));
        assertThat(pipeline.scanJobs()).isEmpty();

        pipeline.advanceClock(Duration.ofSeconds(6));
        pipeline.advanceClock(Duration.ofSeconds(1));
        pipeline.advanceClock(Duration.ofSeconds(1));

        var reissued = pipeline.scanJobs();
        assertThat(reissued).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isNotEqualTo(first.jobId());
            assertThat(job.attempt()).isEqualTo(2);
        });
        assertThat(pipeline.events()).extracting(RecordedEvent::type).containsExactly("JobLeaseExpired", "ScanRequested");

        // The expired job reporting late is stale; the re-issued job's result is accepted.
        pipeline.sendResult(new ScanSucceeded(first.jobId(), documentId, START, report()));
        pipeline.sendResult(new ScanSucceeded(reissued.getFirst().jobId(), documentId, START, report()));
        assertThat(pipeline.events()).extracting(RecordedEvent::type)
                .containsExactly("StaleJobResultIgnored", "DocumentScanned");
    }

    @Test
    void afterTheLastAllowedIssueExpiresTheDocumentFailsInsteadOfStayingPending() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.send(command(documentId, new ConfirmScan()));
        pipeline.clearOutputs();

        pipeline.advanceClock(Duration.ofSeconds(21)); // first OCR job expires: re-issued (issue 2 of 2)
        assertThat(pipeline.ocrJobs()).hasSize(1);
        pipeline.advanceClock(Duration.ofSeconds(21)); // second expires: no more issues, OCR_FAILED

        assertThat(pipeline.ocrJobs()).isEmpty();
        var events = pipeline.events();
        assertThat(events).extracting(RecordedEvent::type).containsExactly("JobLeaseExpired", "OcrRequested",
                "JobLeaseExpired", "OcrAttemptFailed");
        assertThat(events.getLast().event().toString()).contains(DocumentDecider.LEASE_EXHAUSTED);
        StoredDocument stored = pipeline.driver.<String, StoredDocument>getKeyValueStore(DocumentRepository.STORE)
                .get(documentId.toString());
        assertThat(stored.document().state()).isEqualTo(DocumentState.OCR_FAILED);
        assertThat(stored.document().currentJob()).isNull();
        assertThat(pipeline.driver.getKeyValueStore(LeaseIndex.STORE).approximateNumEntries()).isZero();
    }

    @Test
    void aJobThatReportsInTimeLeavesNoLeaseBehind() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.send(command(documentId, new ConfirmScan()));
        Job ocr = pipeline.ocrJobs().getFirst();
        pipeline.sendResult(new OcrSucceeded(ocr.jobId(), documentId, START, "sha256:" + "b".repeat(64), 42,
                "tesseract", "5.3.0"));
        pipeline.clearOutputs();

        pipeline.advanceClock(Duration.ofMinutes(5));

        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.ocrJobs()).isEmpty();
        assertThat(pipeline.driver.getKeyValueStore(LeaseIndex.STORE).approximateNumEntries()).isZero();
    }
    /** Validated text, then a backfill to v2 whose job fails: the document is VALIDATED again, text intact. */
    @Test
    void aFailedReprocessLeavesTheDocumentValidatedAndTheSameBackfillTriesAgain() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.send(command(documentId, new ConfirmScan()));
        Job ocr = pipeline.ocrJobs().getFirst();
        pipeline.sendResult(new OcrSucceeded(ocr.jobId(), documentId, START, "sha256:" + "b".repeat(64), 42,
                "tesseract", "v1"));
        pipeline.send(command(documentId, new ValidateReview(0)));
        pipeline.send(command(documentId, new ReprocessOcr("v2")));
        Job reprocess = pipeline.ocrJobs().getFirst();
        pipeline.clearOutputs();

        pipeline.sendResult(new OcrFailed(reprocess.jobId(), documentId, START, "OCR_ENGINE_MISSING", true,
                "engine v2 not installed"));

        assertThat(pipeline.events()).extracting(RecordedEvent::type).containsExactly("OcrAttemptFailed");
        Document document = pipeline.driver.<String, StoredDocument>getKeyValueStore(DocumentRepository.STORE)
                .get(documentId.toString()).document();
        assertThat(document.state()).isEqualTo(DocumentState.VALIDATED);
        assertThat(document.lastFailure()).isEqualTo("OCR_ENGINE_MISSING");
        assertThat(document.ocr().textRef()).isEqualTo("sha256:" + "b".repeat(64));

        // a second operator and then the first one again (new command ids): one new try, one new job
        pipeline.send(command(documentId, new ReprocessOcr("v2")));
        pipeline.send(command(documentId, new ReprocessOcr("v2")));
        assertThat(pipeline.outcomes()).extracting(CommandOutcome::status, CommandOutcome::reason).containsExactly(
                tuple(OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED_AFTER_FAILURE),
                tuple(OutcomeStatus.ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT));
        assertThat(pipeline.ocrJobs()).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isNotEqualTo(reprocess.jobId());
            assertThat(job.attempt()).isEqualTo(reprocess.attempt() + 1);
            assertThat(job.engineVersion()).isEqualTo("v2");
        });
    }
}
