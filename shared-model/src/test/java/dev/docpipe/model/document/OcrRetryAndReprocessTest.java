package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.OCR_JOB_1;
import static dev.docpipe.model.document.TestData.OCR_JOB_2;
import static dev.docpipe.model.document.TestData.TITLE_PATCH;
import static dev.docpipe.model.document.TestData.command;
import static dev.docpipe.model.document.TestData.commandId;
import static dev.docpipe.model.document.TestData.edited;
import static dev.docpipe.model.document.TestData.extracted;
import static dev.docpipe.model.document.TestData.ocrFailed;
import static dev.docpipe.model.document.TestData.ocrFailedResult;
import static dev.docpipe.model.document.TestData.ocrRequested;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.IN_PROGRESS;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    /** The outcome log tells a reprocess after a failed OCR from a first request. */
    private static Reason queuedReason(DocumentState reprocessedFrom) {
        return reprocessedFrom == DocumentState.OCR_FAILED ? Reason.OCR_QUEUED_AFTER_FAILURE : Reason.OCR_QUEUED;
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
    void retryOfAFailedReprocessOfAFailedOcrAsksForTheSameEngineVersion() {
        // Never extracted (OCR attempt 1 failed), then a backfill to v2 (attempt 2) failed too.
        var then = givenState(DocumentState.OCR_FAILED).and(ocrRequested(OCR_JOB_2, 2, "v2"), ocrFailed(OCR_JOB_2, 2))
                .when(new RetryOcr(2))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);

        Job job = onlyOcrJob(then);
        assertThat(job.attempt()).isEqualTo(3);
        assertThat(job.engineVersion()).isEqualTo("v2");
    }

    @Test
    void aRetryServedLongAgoIsAlreadyDoneWhateverFollowed() {
        DocumentFixture failed = givenState(DocumentState.OCR_FAILED);
        var retried = failed.when(command(commandId(1), new RetryOcr(1))).expect(ACCEPTED, Reason.OCR_QUEUED,
                OcrRequested.class);
        UUID retryJob = retried.event(0, OcrRequested.class).job().jobId();

        // the same command redriven after its id was forgotten: while the retry runs, after it failed again,
        // and after it succeeded
        DocumentFixture running = retried.next();
        DocumentFixture failedAgain = running.and(ocrFailed(retryJob, 2));
        DocumentFixture extracted = running.and(extracted(retryJob, 2, "v1"));
        for (DocumentFixture later : List.of(running, failedAgain, extracted)) {
            later.when(command(commandId(1), new RetryOcr(1))).expect(ALREADY_DONE, Reason.ALREADY_RETRIED);
        }
    }

    @Test
    void twoRetriesOfTheSameFailedAttemptWithDifferentIdsEmitOneJob() {
        var first = givenState(DocumentState.OCR_FAILED).when(command(commandId(1), new RetryOcr(1)))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);
        UUID job = first.event(0, OcrRequested.class).job().jobId();

        first.next().when(command(commandId(2), new RetryOcr(1))).expect(ALREADY_DONE, Reason.ALREADY_RETRIED);
        // even when the first retry failed fast, before the second arrived
        first.next().and(ocrFailed(job, 2)).when(command(commandId(2), new RetryOcr(1)))
                .expect(ALREADY_DONE, Reason.ALREADY_RETRIED);
    }

    @Test
    void aRetryOfAnAttemptThatDoesNotExistYetIsRejected() {
        givenState(DocumentState.OCR_FAILED).when(new RetryOcr(2)).expect(REJECTED, Reason.UNKNOWN_ATTEMPT);
    }

    /** Every job a document ever gets has its own id, even when one command id is sent again and again. */
    @Test
    void jobIdsAreUniquePerEmittedJobWhateverCommandIsResent() {
        Set<UUID> jobIds = new HashSet<>();
        List<UUID> emitted = new ArrayList<>();
        DocumentFixture fixture = givenState(DocumentState.OCR_FAILED);
        UUID sameCommand = commandId(9);
        // retry, fail, retry, re-issue after a lease expiry, fail, reprocess (same command id every time), ...
        for (int round = 0; round < 3; round++) {
            int failedAttempt = fixture.document().ocr().attempt();
            var retried = fixture.when(command(sameCommand, new RetryOcr(failedAttempt)))
                    .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);
            emitted.add(retried.event(0, OcrRequested.class).job().jobId());
            var reissued = retried.next().whenClock(retried.document().currentJob().deadline().plusSeconds(1))
                    .expectEvents(JobLeaseExpired.class, OcrRequested.class);
            Job reissue = reissued.event(1, OcrRequested.class).job();
            emitted.add(reissue.jobId());
            fixture = reissued.next().and(ocrFailed(reissue.jobId(), reissue.attempt()));
            var reprocessed = fixture.when(command(sameCommand, new ReprocessOcr("v" + (round + 2))))
                    .expect(ACCEPTED, Reason.OCR_QUEUED_AFTER_FAILURE, OcrRequested.class);
            Job reprocess = reprocessed.event(0, OcrRequested.class).job();
            emitted.add(reprocess.jobId());
            fixture = reprocessed.next().and(ocrFailed(reprocess.jobId(), reprocess.attempt()));
        }
        jobIds.addAll(emitted);
        assertThat(emitted).hasSize(9);
        assertThat(jobIds).as("job ids of %s", emitted).hasSize(emitted.size()).doesNotContain(OCR_JOB_1);
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
                .expect(ACCEPTED, queuedReason(state), OcrRequested.class)
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

    // ---- a failed reprocess ----

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"EXTRACTED", "VALIDATED", "OCR_FAILED"})
    void aFailedReprocessLeavesTheDocumentAsItWasWithTheFailureVisible(DocumentState state) {
        Document before = givenState(state).and(edited(TITLE_PATCH, 1)).document();
        var reprocessing = givenState(state).and(edited(TITLE_PATCH, 1)).when(new ReprocessOcr("v2"))
                .expect(ACCEPTED, queuedReason(state), OcrRequested.class);
        Job job = onlyOcrJob(reprocessing);

        var failed = reprocessing.next().whenResult(ocrFailedResult(job.jobId()))
                .expectEvents(OcrAttemptFailed.class)
                .expectState(state);

        Document after = failed.document();
        assertThat(after.lastFailure()).isEqualTo(ocrFailedResult(job.jobId()).reason());
        assertThat(after.currentJob()).isNull();
        assertThat(after.review()).isEqualTo(before.review());
        assertThat(after.ocr().textRef()).isEqualTo(before.ocr().textRef());
        assertThat(after.ocr().engineVersion()).isEqualTo(before.ocr().engineVersion());
        assertThat(after.ocr().servedEngineVersion()).as("a failed request serves nothing")
                .isEqualTo(before.ocr().engineVersion());
    }

    @Test
    void afterAFailedReprocessTheTextCanStillBeReviewedAndValidated() {
        var reprocessing = givenState(DocumentState.EXTRACTED).when(new ReprocessOcr("v2"));
        Job job = onlyOcrJob(reprocessing);

        DocumentFixture back = reprocessing.next().and(ocrFailed(job.jobId(), job.attempt()));

        back.when(new EditReview(0, TITLE_PATCH)).expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class);
        back.when(new ValidateReview(0)).expect(ACCEPTED, Reason.VALIDATED, DocumentValidated.class);
        back.when(new RetryOcr(job.attempt())).expect(REJECTED, Reason.OCR_NOT_FAILED);
    }

    @Test
    void theSameBackfillAfterAFailureTriesAgainOnceHoweverManyOperatorsRunIt() {
        DocumentFixture fixture = givenState(DocumentState.VALIDATED);
        List<Job> jobs = new ArrayList<>();
        for (int tryNo = 1; tryNo <= 3; tryNo++) {
            // operators A and B run the same backfill at once, with the same command ids every time (a redrive)
            var a = fixture.when(command(commandId(1), new ReprocessOcr("v2")))
                    .expect(ACCEPTED, tryNo == 1 ? Reason.OCR_QUEUED : Reason.OCR_QUEUED_AFTER_FAILURE,
                            OcrRequested.class);
            Job job = onlyOcrJob(a);
            jobs.add(job);
            a.next().when(command(commandId(2), new ReprocessOcr("v2"))).expect(ALREADY_DONE,
                    Reason.ENGINE_VERSION_CURRENT);
            a.next().when(command(commandId(1), new ReprocessOcr("v2"))).expect(ALREADY_DONE,
                    Reason.ENGINE_VERSION_CURRENT);
            fixture = a.next().and(ocrFailed(job.jobId(), job.attempt()));
            assertThat(fixture.document().state()).isEqualTo(DocumentState.VALIDATED);
        }
        assertThat(jobs).extracting(Job::attempt).containsExactly(2, 3, 4);
        assertThat(jobs).extracting(Job::jobId).doesNotHaveDuplicates();

        // a try that succeeds serves the backfill from then on
        var fourth = fixture.when(new ReprocessOcr("v2"));
        Job job = onlyOcrJob(fourth);
        DocumentFixture extracted = fourth.next().and(extracted(job.jobId(), job.attempt(), "v2"));
        extracted.when(command(commandId(1), new ReprocessOcr("v2"))).expect(ALREADY_DONE,
                Reason.ENGINE_VERSION_CURRENT);
    }
}
