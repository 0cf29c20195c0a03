package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.DOC;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.OCR_JOB_1;
import static dev.docpipe.model.document.TestData.OCR_JOB_2;
import static dev.docpipe.model.document.TestData.SCAN_JOB_1;
import static dev.docpipe.model.document.TestData.ocrRequested;
import static dev.docpipe.model.document.TestData.ocrSucceeded;
import static dev.docpipe.model.document.TestData.scanSucceeded;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A job without a result by its deadline is re-issued (new jobId, attempt+1) up to maxIssues, then failed. */
class LeaseTest {
    private static Instant deadlineOf(DocumentFixture fixture) {
        return fixture.document().currentJob().deadline();
    }

    /** The clock one minute past the current job's deadline. */
    private static DocumentFixture.Then expire(DocumentFixture fixture) {
        return fixture.whenClock(deadlineOf(fixture).plus(Duration.ofMinutes(1)));
    }

    @Test
    void beforeTheDeadlineNothingHappens() {
        DocumentFixture pending = givenState(DocumentState.SCAN_PENDING);
        pending.whenClock(deadlineOf(pending).minusMillis(1)).expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "OCR_PENDING"}, mode = EnumSource.Mode.EXCLUDE)
    void withoutAPendingJobTheClockDoesNothing(DocumentState state) {
        givenState(state).whenClock(TestData.NOW.plus(Duration.ofDays(365))).expectNoEvents();
    }

    @Test
    void expiredScanIsReissuedUnderANewJobIdWithTheNextAttempt() {
        DocumentFixture pending = givenState(DocumentState.SCAN_PENDING);
        Instant deadline = deadlineOf(pending);
        Instant now = deadline.plusSeconds(30);

        var then = pending.whenClock(now)
                .expectEvents(JobLeaseExpired.class, ScanRequested.class)
                .expectState(DocumentState.SCAN_PENDING);

        assertThat(then.event(0, JobLeaseExpired.class))
                .isEqualTo(new JobLeaseExpired(SCAN_JOB_1, JobKind.SCAN, 1, deadline));
        ScanRequested reissue = then.event(1, ScanRequested.class);
        Job job = reissue.job();
        assertThat(job.jobId()).isNotEqualTo(SCAN_JOB_1);
        assertThat(reissue.issue()).isEqualTo(2);
        assertThat(job).isEqualTo(new Job(job.jobId(), DOC, JobKind.SCAN, 2, FILE, now.plus(LEASES.scanLease()), null));
        assertThat(then.document().currentJob()).isEqualTo(JobLease.of(job, 2));
        assertThat(then.document().scan().attempt()).isEqualTo(2);
    }

    @Test
    void theDeadlineItselfIsAlreadyLate() {
        DocumentFixture pending = givenState(DocumentState.SCAN_PENDING);
        pending.whenClock(deadlineOf(pending)).expectEvents(JobLeaseExpired.class, ScanRequested.class);
    }

    @Test
    void scanWithoutResultAfterMaxIssuesFailsTheDocument() {
        var second = expire(givenState(DocumentState.SCAN_PENDING)).expectEvents(JobLeaseExpired.class, ScanRequested.class);
        var third = expire(second.next()).expectEvents(JobLeaseExpired.class, ScanRequested.class);
        assertThat(third.event(1, ScanRequested.class).issue()).isEqualTo(LEASES.maxIssues());
        Job lastJob = third.event(1, ScanRequested.class).job();

        var failed = expire(third.next())
                .expectEvents(JobLeaseExpired.class, ScanAttemptFailed.class)
                .expectState(DocumentState.SCAN_FAILED);

        ScanAttemptFailed failure = failed.event(1, ScanAttemptFailed.class);
        assertThat(failure.jobId()).isEqualTo(lastJob.jobId());
        assertThat(failure.attempt()).isEqualTo(3);
        assertThat(failure.reason()).isEqualTo(DocumentDecider.LEASE_EXHAUSTED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failed.document().lastFailure()).isEqualTo(DocumentDecider.LEASE_EXHAUSTED);
        assertThat(failed.document().currentJob()).isNull();
        assertThat(failed.next().history()).filteredOn(ScanRequested.class::isInstance).hasSize(LEASES.maxIssues());

        // nothing stays pending: the clock has nothing more to do, and the user may rescan the last attempt
        failed.next().whenClock(TestData.NOW.plus(Duration.ofDays(1))).expectNoEvents();
        failed.next().when(new Rescan(3)).expect(ACCEPTED, Reason.SCAN_QUEUED, ScanRequested.class);
    }

    @Test
    void ocrWithoutResultAfterMaxIssuesFailsTheDocument() {
        var second = expire(givenState(DocumentState.OCR_PENDING)).expectEvents(JobLeaseExpired.class, OcrRequested.class);
        var third = expire(second.next()).expectEvents(JobLeaseExpired.class, OcrRequested.class);

        var failed = expire(third.next())
                .expectEvents(JobLeaseExpired.class, OcrAttemptFailed.class)
                .expectState(DocumentState.OCR_FAILED);

        OcrAttemptFailed failure = failed.event(1, OcrAttemptFailed.class);
        assertThat(failure.jobId()).isEqualTo(third.event(1, OcrRequested.class).job().jobId());
        assertThat(failure.reason()).isEqualTo(DocumentDecider.LEASE_EXHAUSTED);
        assertThat(failed.document().currentJob()).isNull();
        // the retry names the attempt that failed: the last re-issue's
        assertThat(failure.attempt()).isEqualTo(3);
        failed.next().when(new RetryOcr(failure.attempt())).expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);
    }

    @Test
    void withOneIssueTheFirstExpiryFails() {
        var then = expire(givenState(DocumentState.SCAN_PENDING).withLeases(new LeasePolicy(Duration.ofMinutes(2),
                Duration.ofMinutes(10), 1)));

        then.expectEvents(JobLeaseExpired.class, ScanAttemptFailed.class).expectState(DocumentState.SCAN_FAILED);
        assertThat(then.event(1, ScanAttemptFailed.class).attempt()).isEqualTo(1);
    }

    @Test
    void resultOfTheExpiredJobIsStaleAndTheReissuedJobsResultIsAccepted() {
        var reissued = expire(givenState(DocumentState.SCAN_PENDING));
        UUID expiredJob = SCAN_JOB_1;
        UUID currentJob = reissued.event(1, ScanRequested.class).job().jobId();
        DocumentFixture waiting = reissued.next();

        var stale = waiting.whenResult(scanSucceeded(expiredJob))
                .expectEvents(StaleJobResultIgnored.class)
                .expectUnchangedExceptVersion();
        assertThat(stale.event(0, StaleJobResultIgnored.class).currentJobId()).isEqualTo(currentJob);

        var accepted = waiting.whenResult(scanSucceeded(currentJob))
                .expectEvents(DocumentScanned.class)
                .expectState(DocumentState.SCANNED);
        assertThat(accepted.event(0, DocumentScanned.class).attempt()).isEqualTo(2);

        // the expired job reporting after all is still stale once the re-issued one was accepted
        accepted.next().whenResult(scanSucceeded(expiredJob)).expectEvents(StaleJobResultIgnored.class);
    }

    @Test
    void ocrReissueKeepsTheRequestedEngineVersion() {
        DocumentFixture reprocessing = givenState(DocumentState.EXTRACTED).and(ocrRequested(OCR_JOB_2, 2, "v2"));

        var then = expire(reprocessing).expectEvents(JobLeaseExpired.class, OcrRequested.class);

        OcrRequested reissue = then.event(1, OcrRequested.class);
        assertThat(reissue.job().engineVersion()).isEqualTo("v2");
        assertThat(reissue.job().attempt()).isEqualTo(3);
        assertThat(reissue.issue()).isEqualTo(2);
        assertThat(reissue.job().jobId()).isNotIn(OCR_JOB_1, OCR_JOB_2);
        assertThat(then.document().currentJob().engineVersion()).isEqualTo("v2");
        assertThat(then.document().ocr().requestedEngineVersion()).isEqualTo("v2");

        then.next().whenResult(ocrSucceeded(reissue.job().jobId(), "v2"))
                .expectEvents(TextExtracted.class)
                .expectState(DocumentState.EXTRACTED);
    }

    @Test
    void aReprocessWhoseLeaseIsExhaustedGoesBackToTheStateItStartedFrom() {
        Document validated = givenState(DocumentState.VALIDATED).document();
        var first = givenState(DocumentState.VALIDATED).when(new ReprocessOcr("v2"))
                .expect(ACCEPTED, Reason.OCR_QUEUED, OcrRequested.class);
        var second = expire(first.next()).expectEvents(JobLeaseExpired.class, OcrRequested.class);
        var third = expire(second.next()).expectEvents(JobLeaseExpired.class, OcrRequested.class);
        assertThat(third.document().ocr().reprocessedFrom()).as("a re-issue keeps where the reprocess started")
                .isEqualTo(DocumentState.VALIDATED);

        var failed = expire(third.next())
                .expectEvents(JobLeaseExpired.class, OcrAttemptFailed.class)
                .expectState(DocumentState.VALIDATED);

        assertThat(failed.document().lastFailure()).isEqualTo(DocumentDecider.LEASE_EXHAUSTED);
        assertThat(failed.document().currentJob()).isNull();
        assertThat(failed.document().review()).isEqualTo(validated.review());
        assertThat(failed.document().ocr().textRef()).isEqualTo(validated.ocr().textRef());
        assertThat(failed.document().ocr().engineVersion()).isEqualTo("v1");
        failed.next().when(new ReprocessOcr("v2")).expect(ACCEPTED, Reason.OCR_QUEUED_AFTER_FAILURE, OcrRequested.class);
    }

    @Test
    void reissueIsDeterministic() {
        DocumentFixture pending = givenState(DocumentState.SCAN_PENDING);
        Instant now = deadlineOf(pending).plusSeconds(5);

        assertThat(pending.whenClock(now).events()).isEqualTo(pending.whenClock(now).events());
    }

    @Test
    void leasePolicyRefusesNonsense() {
        assertThatThrownBy(() -> new LeasePolicy(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeasePolicy(Duration.ofMinutes(1), Duration.ofSeconds(-1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeasePolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LeasePolicy.DEFAULT.leaseFor(JobKind.OCR)).isEqualTo(LeasePolicy.DEFAULT.ocrLease());
    }
}
