package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * No command payload comes from the read model: the attempt or review version a command names is the
 * one its sender saw. Without it the request is 428 PRECONDITION_REQUIRED naming the field, and nothing
 * is sent; with it, a late retry of an intent already served does nothing new.
 */
class CommandPreconditionsIntegrationTest extends ApiIntegrationTest {

    record Missing(String name, String field, Function<HttpApi, HttpApi.Response> send) {}

    @Test
    void aCommandWithoutItsPreconditionIs428NamingTheFieldAndSendsNothing() {
        UUID scanned = scannedDocument();
        UUID extracted = extractedDocument("text");
        String s = docPath(scanned);
        String x = docPath(extracted);
        List<Missing> missing = List.of(
                new Missing("rescan, no body", "supersedesAttempt", a -> a.post(s + "/rescan", null)),
                new Missing("rescan, {}", "supersedesAttempt", a -> a.post(s + "/rescan", "{}")),
                new Missing("rescan, null", "supersedesAttempt", a -> a.post(s + "/rescan", "{\"supersedesAttempt\":null}")),
                new Missing("validate, no body", "expectedReviewVersion", a -> a.post(x + "/validate", null)),
                new Missing("validate, {}", "expectedReviewVersion", a -> a.post(x + "/validate", "{}")),
                new Missing("retry-ocr, no body", "failedAttempt", a -> a.post(s + "/retry-ocr", null)),
                new Missing("retry-ocr, {}", "failedAttempt", a -> a.post(s + "/retry-ocr", "{}")),
                new Missing("review, no version", "expectedReviewVersion",
                        a -> a.patch(x + "/review", "{\"patch\":{\"title\":\"t\"}}")));
        var before = endOffsets(Topics.COMMANDS);

        for (Missing m : missing) {
            HttpApi.Response r = m.send().apply(api);
            assertThat(r.status()).as(m.name() + ": " + r).isEqualTo(428);
            assertThat(r.contentType()).as(m.name()).startsWith("application/problem+json");
            assertThat(r.code()).as(m.name()).isEqualTo("PRECONDITION_REQUIRED");
            assertThat(r.json().path("field").asString()).as(m.name()).isEqualTo(m.field());
            assertThat(r.json().path("detail").asString()).as(m.name()).contains(m.field());
        }

        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
        assertThat(api.get(s).json().path("state").asString()).isEqualTo("SCANNED");
        assertThat(api.get(x).json().path("state").asString()).isEqualTo("EXTRACTED");
    }

    /** The lost update: a validate signs off the version its sender saw, never the one the document has now. */
    @Test
    void aValidateOfAnOlderReviewVersionIsStaleNotASignOffOfTheNewerOne() {
        UUID documentId = extractedDocument("text");
        long seen = api.get(docPath(documentId)).json().path("reviewVersion").asLong();
        HttpApi.Response edit = api.patch(docPath(documentId) + "/review",
                "{\"expectedReviewVersion\":" + seen + ",\"patch\":{\"title\":\"someone else's edit\"}}");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);

        HttpApi.Response validate = api.post(docPath(documentId) + "/validate",
                "{\"expectedReviewVersion\":" + seen + "}");

        assertThat(validate.status()).as(validate.toString()).isEqualTo(409);
        assertThat(validate.code()).isEqualTo("STALE_WRITE");
        assertThat(validate.json().path("currentReviewVersion").asLong()).isEqualTo(seen + 1);
        assertThat(api.get(docPath(documentId)).json().path("state").asString()).isEqualTo("EXTRACTED");
    }
}
