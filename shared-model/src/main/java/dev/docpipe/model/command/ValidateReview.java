package dev.docpipe.model.command;

import dev.docpipe.model.Require;

/** The reviewer signs off the review as seen at {@code expectedReviewVersion}. */
public record ValidateReview(long expectedReviewVersion) implements CommandPayload {
    public ValidateReview {
        Require.notNegative(expectedReviewVersion, "expectedReviewVersion");
    }
}
