package dev.docpipe.model.document;

import java.util.List;

/** The fields a person may review (docs/design.md). Null means "not reviewed yet". */
public record ReviewFields(String title, String subject, String language, List<String> tags, String correctedText) {
    public static final ReviewFields EMPTY = new ReviewFields(null, null, null, null, null);

    public ReviewFields {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** Applies a patch: a field the patch leaves null keeps its value. */
    public ReviewFields apply(ReviewPatch patch) {
        return new ReviewFields(
                patch.title() != null ? patch.title() : title,
                patch.subject() != null ? patch.subject() : subject,
                patch.language() != null ? patch.language() : language,
                patch.tags() != null ? patch.tags() : tags,
                patch.correctedText() != null ? patch.correctedText() : correctedText);
    }
}
