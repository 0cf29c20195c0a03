package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.OCR_JOB_1;
import static dev.docpipe.model.document.TestData.OCR_JOB_2;
import static dev.docpipe.model.document.TestData.command;
import static dev.docpipe.model.document.TestData.commandId;
import static dev.docpipe.model.document.TestData.extracted;
import static dev.docpipe.model.document.TestData.ocrFailed;
import static dev.docpipe.model.document.TestData.ocrRequested;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.IN_PROGRESS;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RetryOcr only after a failed OCR; ReprocessOcr once per engine version, only after extraction. */
class OcrRetryAndReprocessTest {
    /** Extracted with engine v1 (OCR attempt 1), then a backfill to v2 was requested (attempt 2). */
    private static DocumentFixture reprocessingToV2() {
        return givenState(DocumentState.EXTRACTED).and(ocrRequested(OCR_JOB_2, 2, "v2"));
    }

    private static Job onlyOcrJob(DocumentFixture.Then then) {
        OcrRequested requested = then.event(0, OcrRequested.class);
        assertThat(requested.issue()).isEqualTo(1);
        assertThat(requested.job().kind()).isEqualTo(JobKind.OCR);
        assertThat(requested.job().deadline()).isEqualTo(NOW.plus(LEASES.ocrLease()));
        assertThat(requested.job().jobId()).isNotIn(OCR_JOB_1, OCR_JOB_2);
        assertThat(then.document().currentJob().jobId()).isEqualTo(requested.job().jobId());
        return requested.job();
    }

    // ---- RetryOcr ----

    @Test
    void failedOcrIsRetriedWithTheNextAttempt() {
        var then = givenState(DocumentState.OCR_FAILED)
                .when(new RetryOcr(1))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class)
                .expectState(DocumentState.OCR_PENDING);

        Job job = onlyOcrJob(then);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.engineVersion()).isNull();
        assertThat(then.document().ocr().attempt()).isEqualTo(2);
    }

    @Test
    void retryOfAFailedReprocessAsksForTheSameEngineVersion() {
        var then = reprocessingToV2().and(ocrFailed(OCR_JOB_2, 2))
                .when(new RetryOcr(1))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);

        Job job = onlyOcrJob(then);
        assertThat(job.attempt()).isEqualTo(3);
        assertThat(job.engineVersion()).isEqualTo("v2");
    }

    @Test
    void retryWhileOcrRunsIsRejected() {
        givenState(DocumentState.OCR_PENDING).when(new RetryOcr(1)).expect(REJECTED, Reason.OCR_IN_PROGRESS);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "SCANNED", "SCAN_FAILED", "EXTRACTED", "VALIDATED"})
    void retryWithoutAFailedOcrIsRejected(DocumentState state) {
        givenState(state).when(new RetryOcr(1)).expect(REJECTED, Reason.OCR_NOT_FAILED);
    }

    // ---- ReprocessOcr ----

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"EXTRACTED", "VALIDATED", "OCR_FAILED"})
    void olderEngineIsReprocessedWithTheRequestedVersion(DocumentState state) {
        var then = givenState(state)
                .when(new ReprocessOcr("v2"))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class)
                .expectState(DocumentState.OCR_PENDING);

        Job job = onlyOcrJob(then);
        assertThat(job.engineVersion()).isEqualTo("v2");
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(then.document().ocr().requestedEngineVersion()).isEqualTo("v2");
    }

    @Test
    void reprocessingKeepsTheExistingTextAndReviewUntilTheNewTextArrives() {
        Document before = givenState(DocumentState.VALIDATED).document();
        Document after = givenState(DocumentState.VALIDATED).when(new ReprocessOcr("v2")).document();

        assertThat(after.ocr().engineVersion()).isEqualTo("v1");
        assertThat(after.ocr().textRef()).isEqualTo(before.ocr().textRef());
        assertThat(after.review()).isEqualTo(before.review());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "1", "V1", "1.0", "v0.9"})
    void sameOrOlderEngineIsAlreadyDone(String version) {
        givenState(DocumentState.EXTRACTED).when(new ReprocessOcr(version)).expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
        givenState(DocumentState.VALIDATED).when(new ReprocessOcr(version)).expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
    }

    @Test
    void alreadyBeingReprocessedToThatVersionIsAlreadyDone() {
        reprocessingToV2().when(new ReprocessOcr("v2")).expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
        reprocessingToV2().when(new ReprocessOcr("v1")).expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
    }

    @Test
    void alreadyReprocessedToThatVersionIsAlreadyDone() {
        reprocessingToV2().and(extracted(OCR_JOB_2, 2, "v2"))
                .when(new ReprocessOcr("v2"))
                .expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
    }

    @Test
    void differentNewerTargetWhileOcrRunsIsInProgress() {
        reprocessingToV2().when(new ReprocessOcr("v3")).expect(IN_PROGRESS, Reason.OCR_IN_PROGRESS);
        givenState(DocumentState.OCR_PENDING).when(new ReprocessOcr("v3")).expect(IN_PROGRESS, Reason.OCR_IN_PROGRESS);
    }

    @Test
    void newerTargetAfterAFinishedReprocessIsAccepted() {
        var then = reprocessingToV2().and(extracted(OCR_JOB_2, 2, "v2"))
                .when(new ReprocessOcr("v10"))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);

        assertThat(onlyOcrJob(then).engineVersion()).isEqualTo("v10");
        assertThat(onlyOcrJob(then).attempt()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "SCANNED", "SCAN_FAILED"})
    void beforeExtractionIsRejected(DocumentState state) {
        givenState(state).when(new ReprocessOcr("v2")).expect(REJECTED, Reason.NOT_EXTRACTED);
    }

    @Test
    void runningTheSameBackfillTwiceEmitsExactlyOneOcrJob() {
        DocumentFixture fixture = givenState(DocumentState.EXTRACTED);
        List<DocumentEvent> emitted = new ArrayList<>();
        // Operator A, operator B at the same time, then A again after the job finished, then a redrive of A.
        List<Integer> commands = List.of(1, 2, 1, 3);
        for (int i = 0; i < commands.size(); i++) {
            if (i == 2) {
                fixture = fixture.and(extracted(fixture.document().currentJob().jobId(), 2, "v2"));
            }
            var then = fixture.when(command(commandId(commands.get(i)), new ReprocessOcr("v2")));
            if (i == 0) {
                then.expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);
            } else {
                then.expect(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT);
            }
            emitted.addAll(then.events());
            fixture = then.next();
        }
        assertThat(emitted).filteredOn(OcrRequested.class::isInstance).hasSize(1);
        assertThat(fixture.document().ocr().engineVersion()).isEqualTo("v2");
    }
}
