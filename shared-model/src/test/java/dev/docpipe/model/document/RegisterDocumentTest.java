package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenNoDocument;
import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.CHILD;
import static dev.docpipe.model.document.TestData.DOC;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.OWNER;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RegisterDocument: allowed when the document is unknown; every other command needs a document. */
class RegisterDocumentTest {
    private static final RegisterDocument REGISTER = new RegisterDocument(CHILD, FILE);

    @Test
    void unknownDocumentIsRegisteredAndOneScanJobIsRequested() {
        var then = givenNoDocument()
                .when(REGISTER)
                .expect(ACCEPTED, Reason.DOCUMENT_REGISTERED, DocumentRegistered.class, ScanRequested.class);

        assertThat(then.event(0, DocumentRegistered.class)).isEqualTo(new DocumentRegistered(CHILD, OWNER, FILE));
        ScanRequested requested = then.event(1, ScanRequested.class);
        Job job = requested.job();
        assertThat(requested.issue()).isEqualTo(1);
        assertThat(job.kind()).isEqualTo(JobKind.SCAN);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.documentId()).isEqualTo(DOC);
        assertThat(job.file()).isEqualTo(FILE);
        assertThat(job.deadline()).isEqualTo(NOW.plus(LEASES.scanLease()));
        assertThat(job.engineVersion()).isNull();
    }

    @Test
    void registeredDocumentWaitsForItsFirstScan() {
        Document document = givenNoDocument().when(REGISTER).expectState(DocumentState.SCAN_PENDING).document();

        assertThat(document.documentId()).isEqualTo(DOC);
        assertThat(document.childId()).isEqualTo(CHILD);
        assertThat(document.owner()).isEqualTo(OWNER);
        assertThat(document.file()).isEqualTo(FILE);
        assertThat(document.version()).isEqualTo(2);
        assertThat(document.scan()).isEqualTo(new ScanStatus(1, null));
        assertThat(document.ocr()).isEqualTo(OcrStatus.NONE);
        assertThat(document.review()).isEqualTo(ReviewStatus.NONE);
        assertThat(document.currentJob()).isNotNull();
        assertThat(document.currentJob().kind()).isEqualTo(JobKind.SCAN);
        assertThat(document.currentJob().issue()).isEqualTo(1);
        assertThat(document.lastFailure()).isNull();
    }

    @ParameterizedTest
    @EnumSource(DocumentState.class)
    void registeringAnExistingDocumentIsAlreadyDone(DocumentState state) {
        givenState(state).when(REGISTER).expect(ALREADY_DONE, Reason.DOCUMENT_EXISTS);
    }

    @Test
    void registeringTwiceEmitsOneScanJob() {
        givenNoDocument()
                .when(REGISTER)
                .expect(ACCEPTED, Reason.DOCUMENT_REGISTERED, DocumentRegistered.class, ScanRequested.class)
                .next()
                .when(TestData.command(TestData.OTHER_COMMAND_ID, REGISTER))
                .expect(ALREADY_DONE, Reason.DOCUMENT_EXISTS);
    }

    static Stream<CommandPayload> commandsOtherThanRegister() {
        return Stream.of(new ConfirmScan(), new Rescan(1), new EditReview(0, TestData.TITLE_PATCH),
                new ValidateReview(0), new RetryOcr(1), new ReprocessOcr("v2"), new EraseDocument());
    }

    @ParameterizedTest
    @MethodSource("commandsOtherThanRegister")
    void anyOtherCommandOnAnUnknownDocumentIsRejected(CommandPayload payload) {
        givenNoDocument().when(payload).expect(REJECTED, Reason.DOCUMENT_NOT_FOUND);
    }

    @Test
    void commandsOtherThanRegisterCoverEveryCommandType() {
        assertThat(commandsOtherThanRegister().map(p -> p.getClass().getSimpleName()).toList())
                .containsExactlyInAnyOrderElementsOf(Stream.of(CommandPayload.class.getPermittedSubclasses())
                        .filter(c -> c != RegisterDocument.class)
                        .map(Class::getSimpleName)
                        .toList());
    }
}
