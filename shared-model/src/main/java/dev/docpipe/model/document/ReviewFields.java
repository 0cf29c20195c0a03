package dev.docpipe.model.document;

import dev.docpipe.model.PersonalData;
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

    /** Without the personal fields (all but the language), sealed or not, so that no log line can hold one. */
    @Override
    public String toString() {
        return "ReviewFields[title=" + PersonalData.redact(title) + ", subject=" + PersonalData.redact(subject)
                + ", language=" + language + ", tags=" + PersonalData.redact(tags) + ", correctedText="
                + PersonalData.redact(correctedText) + "]";
    }
}
