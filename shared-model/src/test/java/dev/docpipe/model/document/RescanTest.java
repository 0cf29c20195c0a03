package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.given;
import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.SCAN_JOB_1;
import static dev.docpipe.model.document.TestData.SCAN_JOB_2;
import static dev.docpipe.model.document.TestData.commandId;
import static dev.docpipe.model.document.TestData.registered;
import static dev.docpipe.model.document.TestData.scanFailed;
import static dev.docpipe.model.document.TestData.scanRequested;
import static dev.docpipe.model.document.TestData.scanned;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.IN_PROGRESS;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rescan names the attempt it supersedes: it acts once per attempt, never while a scan runs, never after confirmation. */
class RescanTest {
    /** Attempt 1 was scanned, then rescanned: attempt 2 is in flight. */
    private static DocumentFixture secondScanInFlight() {
        return given(registered(), scanRequested(SCAN_JOB_1, 1), scanned(SCAN_JOB_1, 1), scanRequested(SCAN_JOB_2, 2));
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCANNED", "SCAN_FAILED"})
    void finishedScanOfTheCurrentAttemptIsRescannedWithTheNextAttempt(DocumentState state) {
        var then = givenState(state)
                .when(new Rescan(1))
                .expect(ACCEPTED, Reason.SCAN_QUEUED, ScanRequested.class)
                .expectState(DocumentState.SCAN_PENDING);

        ScanRequested requested = then.event(0, ScanRequested.class);
        Job job = requested.job();
        assertThat(requested.issue()).isEqualTo(1);
        assertThat(job.kind()).isEqualTo(JobKind.SCAN);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.jobId()).isNotEqualTo(SCAN_JOB_1);
        assertThat(job.file()).isEqualTo(TestData.FILE);
        assertThat(job.deadline()).isEqualTo(NOW.plus(LEASES.scanLease()));
        assertThat(job.engineVersion()).isNull();

        Document after = then.document();
        assertThat(after.scan().attempt()).isEqualTo(2);
        assertThat(after.currentJob().jobId()).isEqualTo(job.jobId());
        assertThat(after.currentJob().attempt()).isEqualTo(2);
    }

    @Test
    void scanInFlightIsInProgress() {
        givenState(DocumentState.SCAN_PENDING).when(new Rescan(1)).expect(IN_PROGRESS, Reason.SCAN_IN_PROGRESS);
        secondScanInFlight().when(new Rescan(2)).expect(IN_PROGRESS, Reason.SCAN_IN_PROGRESS);
    }

    @Test
    void supersededAttemptIsAlreadyDoneEvenWhileTheNewScanIsInFlight() {
        // Checked before "in flight": the rescan that asked for attempt 2 was served.
        secondScanInFlight().when(new Rescan(1)).expect(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED);
    }

    @Test
    void supersededAttemptIsAlreadyDoneOnceTheNewScanFinished() {
        secondScanInFlight().and(scanned(SCAN_JOB_2, 2))
                .when(new Rescan(1))
                .expect(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED);
        secondScanInFlight().and(scanFailed(SCAN_JOB_2, 2))
                .when(new Rescan(1))
                .expect(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7})
    void attemptThatDoesNotExistYetIsRejected(int future) {
        givenState(DocumentState.SCANNED).when(new Rescan(future)).expect(REJECTED, Reason.UNKNOWN_ATTEMPT);
        givenState(DocumentState.SCAN_FAILED).when(new Rescan(future)).expect(REJECTED, Reason.UNKNOWN_ATTEMPT);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"OCR_PENDING", "EXTRACTED", "OCR_FAILED", "VALIDATED"})
    void confirmedOrLaterIsRejected(DocumentState state) {
        givenState(state).when(new Rescan(1)).expect(REJECTED, Reason.ALREADY_CONFIRMED);
        givenState(state).when(new Rescan(2)).expect(REJECTED, Reason.ALREADY_CONFIRMED);
    }

    @Test
    void theSameRescanRepeatedOrRedrivenEmitsOneScanJob() {
        givenState(DocumentState.SCANNED)
                .when(TestData.command(commandId(1), new Rescan(1)))
                .expect(ACCEPTED, Reason.SCAN_QUEUED, ScanRequested.class)
                .next()
                .when(TestData.command(commandId(2), new Rescan(1)))      // a second tap, new commandId
                .expect(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED)
                .next()
                .when(TestData.command(commandId(1), new Rescan(1)))      // redriven months later
                .expect(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED);
    }

    @Test
    void theRescannedDocumentCanBeRescannedAgainFromItsNewAttempt() {
        var then = secondScanInFlight().and(scanned(SCAN_JOB_2, 2))
                .when(new Rescan(2))
                .expect(ACCEPTED, Reason.SCAN_QUEUED, ScanRequested.class);

        assertThat(then.event(0, ScanRequested.class).job().attempt()).isEqualTo(3);
        assertThat(then.document().scan().attempt()).isEqualTo(3);
    }

    @Test
    void attemptZeroIsNotACommand() {
        assertThatThrownBy(() -> new Rescan(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
