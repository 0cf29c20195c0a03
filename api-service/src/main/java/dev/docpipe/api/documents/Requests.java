package dev.docpipe.api.documents;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.model.StorableText;
import dev.docpipe.model.document.ReviewPatch;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Request bodies. Unknown properties are refused by the JSON mapper (400 UNKNOWN_FIELD, or 422
 * PROTECTED_FIELD for fields like state or reviewVersion); each record checks its own values. A
 * command's precondition (the attempt or review version it names) is never optional: missing, it is
 * 428 PRECONDITION_REQUIRED.
 */
public final class Requests {
    static final int MAX_FIELD_LENGTH = 1_000;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;
    static final int MAX_TEXT_BYTES = 200 * 1024;

    private Requests() {}

    /**
     * @param supersedesAttempt the scan attempt the client saw in the document view ({@code scan.attempt}):
     *     required, the API never takes it from the read model
     */
    public record RescanRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", description = """
                    The scan attempt this rescan supersedes: `scan.attempt` of the document view the client \
                    last read. A rescan of an attempt that was already superseded answers 200 and scans nothing.""")
            Integer supersedesAttempt) {
        static void check(RescanRequest request) {
            Integer attempt = request == null ? null : request.supersedesAttempt;
            if (attempt == null) {
                throw preconditionRequired("supersedesAttempt");
            }
            if (attempt < 1) {
                throw invalid("supersedesAttempt", "must be >= 1");
            }
        }
    }

    /**
     * @param failedAttempt the failed OCR attempt the client saw in the document view ({@code ocr.attempt}):
     *     required, the API never takes it from the read model
     */
    public record RetryOcrRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", description = """
                    The failed OCR attempt this retries: `ocr.attempt` of the document view the client last \
                    read (state OCR_FAILED). A retry of an attempt that was already retried answers 200 and \
                    queues nothing.""")
            Integer failedAttempt) {
        static void check(RetryOcrRequest request) {
            Integer attempt = request == null ? null : request.failedAttempt;
            if (attempt == null) {
                throw preconditionRequired("failedAttempt");
            }
            if (attempt < 1) {
                throw invalid("failedAttempt", "must be >= 1");
            }
        }
    }

    /**
     * @param expectedReviewVersion the review version the client saw in the document view
     *     ({@code reviewVersion}): required, the API never takes it from the read model
     */
    public record ValidateRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", description = """
                    The review version being signed off: `reviewVersion` of the document view the client last \
                    read. Another version is 409 STALE_WRITE.""")
            Long expectedReviewVersion) {
        static void check(ValidateRequest request) {
            Long version = request == null ? null : request.expectedReviewVersion;
            if (version == null) {
                throw preconditionRequired("expectedReviewVersion");
            }
            if (version < 0) {
                throw invalid("expectedReviewVersion", "must be >= 0");
            }
        }
    }

    public record ReviewRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", description = """
                    The review version this edit is based on: `reviewVersion` of the document view the client \
                    last read. Another version is 409 STALE_WRITE.""")
            Long expectedReviewVersion,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PatchBody patch) {
        void check() {
            if (expectedReviewVersion == null) {
                throw preconditionRequired("expectedReviewVersion");
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

    /**
     * A command's precondition is missing (the attempt or version that makes it idempotent by its
     * content): 428, naming the field. The client sends what it last saw; the API never fills it in.
     */
    static ApiProblem preconditionRequired(String field) {
        return new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "PRECONDITION_REQUIRED",
                field + " is required: send the value from the document view you last read").with("field", field);
    }

    static ApiProblem invalid(String field, String detail) {
        return ApiProblem.badRequest("INVALID_FIELD", field + " " + detail).with("field", field);
    }
}
