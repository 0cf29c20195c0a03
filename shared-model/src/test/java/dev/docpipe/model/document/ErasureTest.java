package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.given;
import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.OCR_JOB_1;
import static dev.docpipe.model.document.TestData.OCR_JOB_2;
import static dev.docpipe.model.document.TestData.SCAN_JOB_1;
import static dev.docpipe.model.document.TestData.TITLE_PATCH;
import static dev.docpipe.model.document.TestData.confirmed;
import static dev.docpipe.model.document.TestData.edited;
import static dev.docpipe.model.document.TestData.extracted;
import static dev.docpipe.model.document.TestData.ocrFailedResult;
import static dev.docpipe.model.document.TestData.ocrRequested;
import static dev.docpipe.model.document.TestData.ocrSucceeded;
import static dev.docpipe.model.document.TestData.registered;
import static dev.docpipe.model.document.TestData.scanFailedResult;
import static dev.docpipe.model.document.TestData.scanRequested;
import static dev.docpipe.model.document.TestData.scanSucceeded;
import static dev.docpipe.model.document.TestData.scanned;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.PersonalData;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.outcome.Reason;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** EraseDocument (docs/design.md "Erasure"): terminal from every state, idempotent, and nothing comes back. */
class ErasureTest {
    private static final String TEXT_V1 = extracted(OCR_JOB_1, 1, "v1").textRef();
    private static final String TEXT_V2 = "sha256:" + "77".repeat(32);

    private static DocumentFixture erasedFrom(DocumentState state) {
        return givenState(state).when(new EraseDocument()).next();
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = "ERASED", mode = EnumSource.Mode.EXCLUDE)
    void everyStateCanBeErased(DocumentState state) {
        var then = givenState(state).when(new EraseDocument())
                .expect(ACCEPTED, Reason.DOCUMENT_ERASED, DocumentErased.class)
                .expectState(DocumentState.ERASED);

        Document before = givenState(state).document();
        assertThat(then.event(0, DocumentErased.class).blobRefs()).containsExactlyElementsOf(before.blobRefs());
        assertThat(then.event(0, DocumentErased.class).blobRefs()).startsWith(FILE.blobRef());
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = "ERASED", mode = EnumSource.Mode.EXCLUDE)
    void theErasedDocumentKeepsIdsStatesAndCountsButNoPersonalField(DocumentState state) {
        DocumentFixture reviewed = state == DocumentState.EXTRACTED
                ? givenState(state).and(edited(new ReviewPatch("Zeugnis", "Mathe", "de", List.of("klasse-3"),
                        "Korrigiert"), 1))
                : givenState(state);
        Document before = reviewed.document();
        Document after = reviewed.when(new EraseDocument()).document();

        assertThat(after.documentId()).isEqualTo(before.documentId());
        assertThat(after.childId()).isEqualTo(before.childId());
        assertThat(after.owner()).isEqualTo(before.owner());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.scan()).isEqualTo(before.scan());
        assertThat(after.ocr().attempt()).isEqualTo(before.ocr().attempt());
        assertThat(after.review().version()).isEqualTo(before.review().version());
        assertThat(after.file().blobRef()).isEqualTo(FILE.blobRef());
        assertThat(after.file().fileName()).isNull();
        assertThat(after.review().fields()).isEqualTo(ReviewFields.EMPTY);
        assertThat(after.ocr().textRef()).isNull();
        assertThat(after.formerTextRefs()).isEmpty();
        assertThat(after.currentJob()).as("a pending lease is dropped").isNull();
        assertThat(after.toString()).doesNotContain(FILE.fileName(), "Zeugnis", "Korrigiert");
    }

    @Test
    void erasingTwiceIsAlreadyDone() {
        erasedFrom(DocumentState.VALIDATED).when(new EraseDocument()).expect(ALREADY_DONE, Reason.DOCUMENT_ERASED);
    }

    static Stream<CommandPayload> everyOtherCommand() {
        return Stream.of(new ConfirmScan(), new Rescan(1), new EditReview(0, TITLE_PATCH), new ValidateReview(0),
                new RetryOcr(1), new ReprocessOcr("v9"));
    }

    @ParameterizedTest
    @MethodSource("everyOtherCommand")
    void everyOtherCommandOnAnErasedDocumentIsRefused(CommandPayload payload) {
        erasedFrom(DocumentState.EXTRACTED).when(payload).expect(REJECTED, Reason.DOCUMENT_ERASED);
        erasedFrom(DocumentState.SCANNED).when(payload).expect(REJECTED, Reason.DOCUMENT_ERASED);
    }

    @Test
    void registeringAnErasedDocumentAgainIsAlreadyDone() {
        erasedFrom(DocumentState.SCANNED).when(new RegisterDocument(TestData.CHILD, FILE))
                .expect(ALREADY_DONE, Reason.DOCUMENT_EXISTS);
    }

    @Test
    void everyCommandTypeIsCovered() {
        assertThat(Stream.concat(everyOtherCommand(), Stream.of(new EraseDocument(), new RegisterDocument(
                TestData.CHILD, FILE))).map(p -> p.getClass().getSimpleName()).toList())
                .containsExactlyInAnyOrderElementsOf(Stream.of(CommandPayload.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toList());
    }

    static Stream<JobResult> resultsInFlight() {
        return Stream.of(scanSucceeded(SCAN_JOB_1), scanFailedResult(SCAN_JOB_1), ocrSucceeded(OCR_JOB_1, "v1"),
                ocrFailedResult(OCR_JOB_1));
    }

    @ParameterizedTest
    @MethodSource("resultsInFlight")
    void aResultInFlightAtErasureIsDiscardedAndChangesNothing(JobResult result) {
        DocumentFixture erased = result.kind() == dev.docpipe.model.job.JobKind.SCAN
                ? erasedFrom(DocumentState.SCAN_PENDING)
                : erasedFrom(DocumentState.OCR_PENDING);

        var then = erased.whenResult(result).expectEvents(ErasedDocumentResultDiscarded.class)
                .expectUnchangedExceptVersion().expectState(DocumentState.ERASED);

        String textRef = result instanceof dev.docpipe.model.job.OcrSucceeded ocr ? ocr.textRef() : null;
        assertThat(then.event(0, ErasedDocumentResultDiscarded.class))
                .isEqualTo(new ErasedDocumentResultDiscarded(result.jobId(), textRef));
    }

    @Test
    void aStaleResultAfterErasureIsDiscardedToo() {
        DocumentFixture erased = erasedFrom(DocumentState.VALIDATED);
        var then = erased.whenResult(ocrSucceeded(OCR_JOB_2, "v2")).expectEvents(ErasedDocumentResultDiscarded.class)
                .expectUnchangedExceptVersion();
        assertThat(then.event(0, ErasedDocumentResultDiscarded.class).textRef())
                .isEqualTo(ocrSucceeded(OCR_JOB_2, "v2").textRef());
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "OCR_PENDING"})
    void leaseExpiryAfterErasureReissuesNothing(DocumentState pending) {
        DocumentFixture fixture = givenState(pending);
        java.time.Instant pastDeadline = fixture.document().currentJob().deadline().plus(Duration.ofDays(1));

        erasedFrom(pending).whenClock(pastDeadline).expectNoEvents();
    }

    @Test
    void theErasureNamesEveryTextOfEveryAttemptAndEngineVersionAndEveryStaleText() {
        String staleText = ocrSucceeded(OCR_JOB_1, "v1").textRef();
        DocumentFixture reprocessed = given(registered(), scanRequested(SCAN_JOB_1, 1), scanned(SCAN_JOB_1, 1),
                confirmed(1), ocrRequested(OCR_JOB_1, 1, null),
                new dev.docpipe.model.event.TextExtracted(OCR_JOB_1, 1, TEXT_V1, 10, "tesseract", "v1"),
                new StaleJobResultIgnored(OCR_JOB_1, "OcrSucceeded", null, staleText),
                ocrRequested(OCR_JOB_2, 2, "v2"),
                new dev.docpipe.model.event.TextExtracted(OCR_JOB_2, 2, TEXT_V2, 12, "tesseract", "v2"));

        var then = reprocessed.when(new EraseDocument()).expect(ACCEPTED, Reason.DOCUMENT_ERASED, DocumentErased.class);

        assertThat(then.event(0, DocumentErased.class).blobRefs())
                .containsExactlyInAnyOrder(FILE.blobRef(), TEXT_V1, staleText, TEXT_V2).startsWith(FILE.blobRef());
    }

    @Test
    void thePersonalRecordsNeverPrintTheirPersonalFields() {
        String sealed = PersonalData.SEALED_PREFIX + "c2VhbGVk";
        assertThat(new FileRef("sha256:" + "ab".repeat(32), "image/jpeg", 1, "Zeugnis Emma.jpg").toString())
                .doesNotContain("Zeugnis", "Emma").contains(PersonalData.REDACTED, "sha256:");
        assertThat(new ReviewFields("Titel", "Fach", "de", List.of("tag-1"), "Text").toString())
                .doesNotContain("Titel", "Fach", "tag-1", "Text]").contains("language=de");
        assertThat(new ReviewPatch(sealed, null, null, List.of(sealed), null).toString()).doesNotContain(sealed);
        assertThat(givenState(DocumentState.EXTRACTED).and(edited(TITLE_PATCH, 1)).document().toString())
                .doesNotContain(FILE.fileName(), TITLE_PATCH.title());
    }
}
