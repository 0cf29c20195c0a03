package dev.docpipe.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.PersonalData;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.job.OcrSucceeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit accepts erased documents, refuses anything but discarded results after erasure, counts legacy plain text. */
class ErasureAuditTest {
    private final SyntheticLog log = new SyntheticLog();

    private Auditor audit(List<Violation> violations) {
        Auditor auditor = new Auditor(log.clock, Duration.ofMinutes(5), violations::add);
        log.log.forEach(auditor::onEvent);
        auditor.finish();
        return auditor;
    }

    @Test
    void anErasedDocumentWithAResultDiscardedAfterwardsPasses() {
        SyntheticLog.Doc inFlight = log.registered().scanned().command(new ConfirmScan());
        UUID ocrJob = inFlight.document.currentJob().jobId();
        inFlight.command(new EraseDocument())
                .result(new OcrSucceeded(ocrJob, inFlight.id, log.tick(), "sha256:" + "d".repeat(64), 5, "t", "v1"))
                .command(new EraseDocument());
        log.registered().command(new EraseDocument()); // erased while its scan was pending: not stuck

        List<Violation> violations = new ArrayList<>();
        Auditor auditor = audit(violations);

        assertThat(violations).isEmpty();
        assertThat(auditor.counts().erasedResultsDiscarded).isEqualTo(1);
        assertThat(auditor.counts().states).containsEntry("ERASED", 2L);
    }

    @Test
    void anyOtherEventAfterErasureIsAViolation() {
        SyntheticLog.Doc d = log.registered().scanned().command(new EraseDocument());
        d.inject(new DocumentScanned(UUID.randomUUID(), 1, new ScanReport("x", 1, null, null, null, null, null,
                List.of())));

        List<Violation> violations = new ArrayList<>();
        audit(violations);

        assertThat(violations).extracting(Violation::type).containsExactly(ViolationType.EVENT_AFTER_ERASURE);
        assertThat(violations.getFirst().message()).contains("DocumentScanned", "after the document was erased");
    }

    @Test
    void aResultDiscardedForADocumentThatIsNotErasedIsAViolation() {
        log.registered().inject(new ErasedDocumentResultDiscarded(UUID.randomUUID(), null));

        List<Violation> violations = new ArrayList<>();
        audit(violations);

        assertThat(violations).extracting(Violation::type).contains(ViolationType.DISCARDED_RESULT_NOT_ERASED);
    }

    @Test
    void legacyPlainTextPersonalFieldsAreCountedAndSealedOnesAreNot() {
        String sealed = PersonalData.SEALED_PREFIX + "c2VhbGVkLXRpdGxl";
        SyntheticLog.Doc d = log.registered().scanned().command(new ConfirmScan()).extracted("v1");
        d.command(new EditReview(0, new ReviewPatch(sealed, "Mathe", "de", List.of(sealed, "klasse-3"), null)));

        List<Violation> violations = new ArrayList<>();
        Auditor auditor = audit(violations);

        assertThat(violations).isEmpty();
        // plain: the file name in DocumentRegistered and in the two jobs' files, "Mathe", "klasse-3"
        assertThat(auditor.counts().legacyPlaintextPersonalFields).isEqualTo(5);
        assertThat(auditor.counts().sealedPersonalFields).isEqualTo(2);
    }
}
