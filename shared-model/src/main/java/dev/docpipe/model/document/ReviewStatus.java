package dev.docpipe.model.document;

/** @param version bumped by every accepted edit; edits name the version they were based on */
public record ReviewStatus(long version, ReviewFields fields) {
    public static final ReviewStatus NONE = new ReviewStatus(0, ReviewFields.EMPTY);
}
