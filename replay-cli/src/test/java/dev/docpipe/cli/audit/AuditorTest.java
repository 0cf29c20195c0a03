package dev.docpipe.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.ScanSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit's rules on logs made by the real decider, and on logs broken on purpose. */
class AuditorTest {
    private final SyntheticLog log = new SyntheticLog();

    @Test
    void aLogTheDeciderWroteHasNoViolations() {
        log.registered().scanned().command(new ConfirmScan()).extracted("v1").command(new ReprocessOcr("v2"))
                .extracted("v2");
        SyntheticLog.Doc failing = log.registered().scanned().command(new ConfirmScan());
        failing.result(new OcrFailed(failing.document.currentJob().jobId(), failing.id, log.tick(), "CORRUPT_FILE",
                true, null)).command(new RetryOcr(1)).extracted("v1");
        SyntheticLog.Doc rescanned = log.registered().scanned();
        rescanned.command(new Rescan(1)).scanned();
        // Lease expiry and re-issue, then a late result of the expired job: stale, not a violation.
        SyntheticLog.Doc slow = log.registered();
        UUID expired = slow.document.currentJob().jobId();
        slow.clockPassed(Duration.ofMinutes(3)).scanned()
                .result(new ScanSucceeded(expired, slow.id, log.tick(), new ScanReport("x", 1, 1, 1, 1, null, null,
                        List.of())));
        assertThat(log.audit(log.clock)).isEmpty();
    }

    @Test
    void aSecondOcrJobForTheSameEngineVersionIsFound() {
        SyntheticLog.Doc d = log.registered().scanned().command(new ConfirmScan()).extracted("v1")
                .command(new ReprocessOcr("v2")).extracted("v2");
        Job again = new Job(UUID.randomUUID(), d.id, JobKind.OCR, 9, SyntheticLog.FILE, log.clock.plusSeconds(60), "v2");
        d.inject(new OcrRequested(again, 1));
        List<Violation> violations = log.audit(log.clock);
        assertThat(violations).extracting(Violation::type).containsExactly(ViolationType.DUPLICATE_OCR_JOB);
        assertThat(violations.getFirst().message()).contains("second OCR job " + again.jobId(), "engine v2", "done");
        assertThat(violations.getFirst().offset()).isEqualTo(log.log.size() - 1L);
    }

    @Test
    void aSecondOcrJobForOneConfirmationIsFound() {
        SyntheticLog.Doc d = log.registered().scanned().command(new ConfirmScan());
        LoggedEvent request = log.log.getLast();
        Job second = new Job(UUID.randomUUID(), d.id, JobKind.OCR, 2, SyntheticLog.FILE, log.clock, null);
        // the same command's decision written with two OCR jobs (both "in flight")
        var e = new dev.docpipe.model.event.RecordedEvent(UUID.randomUUID(), d.id, d.document.version() + 1, log.tick(),
                request.event().causationId(), new OcrRequested(second, 1));
        log.append(e);
        assertThat(log.audit(log.clock)).extracting(Violation::type)
                .contains(ViolationType.DUPLICATE_OCR_JOB, ViolationType.JOB_IN_FLIGHT);
    }

    @Test
    void aScanJobWhileAnotherIsInFlightIsFound() {
        SyntheticLog.Doc d = log.registered();
        Job second = new Job(UUID.randomUUID(), d.id, JobKind.SCAN, 2, SyntheticLog.FILE, log.clock.plusSeconds(60),
                null);
        d.inject(new ScanRequested(second, 1));
        assertThat(log.audit(log.clock)).extracting(Violation::type).containsExactly(ViolationType.JOB_IN_FLIGHT);
    }

    @Test
    void anAcceptedResultOfAnotherJobIsFound() {
        SyntheticLog.Doc d = log.registered();
        d.inject(new DocumentScanned(UUID.randomUUID(), 1, new ScanReport("x", 1, 1, 1, 1, null, null, List.of())));
        assertThat(log.audit(log.clock)).extracting(Violation::type)
                .containsExactly(ViolationType.RESULT_NOT_CURRENT_JOB);
    }

    @Test
    void aDocumentPendingPastItsLeaseAndTheMarginIsStuck() {
        SyntheticLog.Doc d = log.registered();
        Instant deadline = d.document.currentJob().deadline();
        assertThat(log.audit(deadline.plus(Duration.ofMinutes(4)))).isEmpty();
        List<Violation> stuck = log.audit(deadline.plus(Duration.ofMinutes(6)));
        assertThat(stuck).extracting(Violation::type).containsExactly(ViolationType.STUCK_PENDING);
        assertThat(stuck.getFirst().message()).contains("SCAN_PENDING", "margin 300s");
    }

    @Test
    void duplicatedAndMissingEventsAreFound() {
        log.registered().scanned().command(new ConfirmScan());
        LoggedEvent second = log.log.get(1);
        log.log.add(new LoggedEvent(second.event(), 0, 99, 0, true)); // delivered twice
        log.log.remove(3); // ScanConfirmed lost
        List<Violation> violations = log.audit(log.clock);
        assertThat(violations).extracting(Violation::type)
                .contains(ViolationType.DUPLICATE_EVENT, ViolationType.VERSION_GAP);
    }
}
