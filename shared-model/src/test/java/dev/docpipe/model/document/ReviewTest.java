package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.OTHER_COMMAND_ID;
import static dev.docpipe.model.document.TestData.TITLE_PATCH;
import static dev.docpipe.model.document.TestData.command;
import static dev.docpipe.model.document.TestData.edited;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static dev.docpipe.model.outcome.OutcomeStatus.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.outcome.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EditReview and ValidateReview: optimistic on the review version, only while the text is EXTRACTED. */
class ReviewTest {
    private static final ReviewPatch SUBJECT_AND_TAGS = new ReviewPatch(null, "Mathe", null, List.of("zeugnis", "2025"), null);

    private static DocumentFixture extractedAndEditedOnce() {
        return givenState(DocumentState.EXTRACTED).and(edited(TITLE_PATCH, 1));
    }

    @Test
    void editAtTheCurrentVersionIsAcceptedAndBumpsTheReviewVersion() {
        var then = givenState(DocumentState.EXTRACTED)
                .when(new EditReview(0, TITLE_PATCH))
                .expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class)
                .expectState(DocumentState.EXTRACTED);

        assertThat(then.event(0, ReviewEdited.class)).isEqualTo(new ReviewEdited(TITLE_PATCH, 1));
        assertThat(then.document().review().version()).isEqualTo(1);
        assertThat(then.document().review().fields().title()).isEqualTo("Zeugnis");
    }

    @Test
    void laterEditsMergeWithEarlierOnesAndOnlyTouchTheFieldsTheyName() {
        var then = extractedAndEditedOnce()
                .when(new EditReview(1, SUBJECT_AND_TAGS))
                .expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class);

        assertThat(then.event(0, ReviewEdited.class).reviewVersion()).isEqualTo(2);
        assertThat(then.document().review())
                .isEqualTo(new ReviewStatus(2, new ReviewFields("Zeugnis", "Mathe", null, List.of("zeugnis", "2025"), null)));
    }

    @Test
    void emptyStringsAndListsClearAField() {
        var then = extractedAndEditedOnce()
                .when(new EditReview(1, new ReviewPatch("", null, null, List.of(), null)))
                .expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class);

        assertThat(then.document().review().fields().title()).isEmpty();
        assertThat(then.document().review().fields().tags()).isEmpty();
    }

    @Test
    void editBasedOnAnOlderVersionIsStale() {
        extractedAndEditedOnce().when(new EditReview(0, SUBJECT_AND_TAGS)).expect(STALE, Reason.STALE_WRITE);
    }

    @Test
    void editBasedOnAVersionThatDoesNotExistYetIsStale() {
        givenState(DocumentState.EXTRACTED).when(new EditReview(5, TITLE_PATCH)).expect(STALE, Reason.STALE_WRITE);
    }

    @Test
    void ofTwoEditsWithTheSameExpectedVersionExactlyOneWins() {
        givenState(DocumentState.EXTRACTED)
                .when(command(new EditReview(0, TITLE_PATCH)))
                .expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class)
                .next()
                .when(command(OTHER_COMMAND_ID, new EditReview(0, SUBJECT_AND_TAGS)))
                .expect(STALE, Reason.STALE_WRITE);
    }

    @Test
    void emptyPatchIsRejected() {
        givenState(DocumentState.EXTRACTED)
                .when(new EditReview(0, new ReviewPatch(null, null, null, null, null)))
                .expect(REJECTED, Reason.EMPTY_PATCH);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"EXTRACTED", "ERASED"}, mode = EnumSource.Mode.EXCLUDE)
    void editOutsideExtractedIsNotReviewable(DocumentState state) {
        givenState(state).when(new EditReview(0, TITLE_PATCH)).expect(REJECTED, Reason.NOT_REVIEWABLE);
    }

    @Test
    void patchTagsMayNotContainNull() {
        assertThatThrownBy(() -> new ReviewPatch(null, null, null, Arrays.asList("a", null), null))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
    }

    @Test
    void validationAtTheCurrentVersionValidatesTheDocument() {
        var then = extractedAndEditedOnce()
                .when(new ValidateReview(1))
                .expect(ACCEPTED, Reason.VALIDATED, DocumentValidated.class)
                .expectState(DocumentState.VALIDATED);

        assertThat(then.event(0, DocumentValidated.class).reviewVersion()).isEqualTo(1);
        assertThat(then.document().review().version()).isEqualTo(1);
    }

    @Test
    void validationWithoutAnyEditSignsOffVersionZero() {
        givenState(DocumentState.EXTRACTED)
                .when(new ValidateReview(0))
                .expect(ACCEPTED, Reason.VALIDATED, DocumentValidated.class);
    }

    @Test
    void validationBasedOnAnOlderVersionIsStale() {
        extractedAndEditedOnce().when(new ValidateReview(0)).expect(STALE, Reason.STALE_WRITE);
    }

    @Test
    void validatingTwiceIsAlreadyDone() {
        givenState(DocumentState.VALIDATED).when(new ValidateReview(0)).expect(ALREADY_DONE, Reason.ALREADY_VALIDATED);
    }

    @Test
    void validatingAnotherVersionOfAValidatedDocumentIsStale() {
        givenState(DocumentState.VALIDATED).when(new ValidateReview(3)).expect(STALE, Reason.STALE_WRITE);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "SCANNED", "SCAN_FAILED", "OCR_PENDING", "OCR_FAILED"})
    void validationBeforeExtractionIsNotReviewable(DocumentState state) {
        givenState(state).when(new ValidateReview(0)).expect(REJECTED, Reason.NOT_REVIEWABLE);
    }

    @Test
    void negativeExpectedVersionsAreNotCommands() {
        assertThatThrownBy(() -> new EditReview(-1, TITLE_PATCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidateReview(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditReview(0, null)).isInstanceOf(NullPointerException.class);
    }
}
