package dev.docpipe.model.document;

import dev.docpipe.model.PersonalData;
import java.util.List;

/**
 * A review edit. Only reviewable fields exist here, so a patch cannot touch {@code id},
 * {@code createdAt}, {@code reviewVersion}, {@code state} or any pipeline field: the JSON codec
 * refuses unknown properties. A null field is left unchanged; send "" or [] to clear one.
 */
public record ReviewPatch(String title, String subject, String language, List<String> tags, String correctedText) {
    public ReviewPatch {
        if (tags != null && tags.stream().anyMatch(t -> t == null)) {
            throw new IllegalArgumentException("patch.tags must not contain null");
        }
        tags = tags == null ? null : List.copyOf(tags);
    }

    public boolean changesNothing() {
        return title == null && subject == null && language == null && tags == null && correctedText == null;
    }

    /** Without the personal fields (all but the language), sealed or not, so that no log line can hold one. */
    @Override
    public String toString() {
        return "ReviewPatch[title=" + PersonalData.redact(title) + ", subject=" + PersonalData.redact(subject)
                + ", language=" + language + ", tags=" + PersonalData.redact(tags) + ", correctedText="
                + PersonalData.redact(correctedText) + "]";
    }
}
