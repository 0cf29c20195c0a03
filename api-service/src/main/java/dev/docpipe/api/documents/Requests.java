package dev.docpipe.api.documents;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.model.StorableText;
import dev.docpipe.model.document.ReviewPatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Request bodies. Unknown properties are refused by the JSON mapper (400 UNKNOWN_FIELD, or 422
 * PROTECTED_FIELD for fields like state or reviewVersion); each record checks its own values.
 */
public final class Requests {
    static final int MAX_FIELD_LENGTH = 1_000;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;
    static final int MAX_TEXT_BYTES = 200 * 1024;

    private Requests() {}

    /** @param supersedesAttempt the scan attempt the client saw; the API fills in the current one when absent */
    public record RescanRequest(Integer supersedesAttempt) {
        void check() {
            if (supersedesAttempt != null && supersedesAttempt < 1) {
                throw invalid("supersedesAttempt", "must be >= 1");
            }
        }
    }

    /** @param expectedReviewVersion the review version the client saw; the current one when absent */
    public record ValidateRequest(Long expectedReviewVersion) {
        void check() {
            if (expectedReviewVersion != null && expectedReviewVersion < 0) {
                throw invalid("expectedReviewVersion", "must be >= 0");
            }
        }
    }

    public record ReviewRequest(Long expectedReviewVersion, PatchBody patch) {
        void check() {
            if (expectedReviewVersion == null) {
                throw invalid("expectedReviewVersion", "is required");
            }
            if (expectedReviewVersion < 0) {
                throw invalid("expectedReviewVersion", "must be >= 0");
            }
            if (patch == null) {
                throw invalid("patch", "is required");
            }
            patch.check();
        }
    }

    /** The reviewable fields; a null (absent) field stays as it is, "" or [] clears it. */
    public record PatchBody(String title, String subject, String language, List<String> tags, String correctedText) {
        void check() {
            short_("patch.title", title);
            short_("patch.subject", subject);
            short_("patch.language", language);
            if (tags != null) {
                if (tags.size() > MAX_TAGS) {
                    throw invalid("patch.tags", "at most " + MAX_TAGS + " tags");
                }
                for (String tag : tags) {
                    if (tag == null) {
                        throw invalid("patch.tags", "must not contain null");
                    }
                    if (tag.length() > MAX_TAG_LENGTH) {
                        throw invalid("patch.tags", "each tag at most " + MAX_TAG_LENGTH + " characters");
                    }
                    unicode("patch.tags", tag);
                }
            }
            unicode("patch.correctedText", correctedText);
            if (correctedText != null && correctedText.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                throw invalid("patch.correctedText", "at most " + MAX_TEXT_BYTES + " bytes");
            }
            if (title == null && subject == null && language == null && tags == null && correctedText == null) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "EMPTY_PATCH", "the patch changes nothing");
            }
        }

        ReviewPatch toModel() {
            return new ReviewPatch(title, subject, language, tags, correctedText);
        }

        private static void short_(String field, String value) {
            if (value != null && value.length() > MAX_FIELD_LENGTH) {
                throw invalid(field, "at most " + MAX_FIELD_LENGTH + " characters");
            }
            unicode(field, value);
        }

        /**
         * Text PostgreSQL cannot store (NUL, half a surrogate pair) is refused here, as a 400 naming the
         * field; the pipeline would dead-letter the command anyway (see StorableText).
         */
        private static void unicode(String field, String value) {
            String problem = StorableText.problem(value);
            if (problem != null) {
                throw invalid(field, problem);
            }
        }
    }

    static ApiProblem invalid(String field, String detail) {
        return ApiProblem.badRequest("INVALID_FIELD", field + " " + detail).with("field", field);
    }
}
