package dev.docpipe.model.command;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.ReviewPatch;

/** Optimistic edit of the reviewed fields: wins only if the review is still at {@code expectedReviewVersion}. */
public record EditReview(long expectedReviewVersion, ReviewPatch patch) implements CommandPayload {
    public EditReview {
        Require.notNegative(expectedReviewVersion, "expectedReviewVersion");
        Require.present(patch, "patch");
    }
}
