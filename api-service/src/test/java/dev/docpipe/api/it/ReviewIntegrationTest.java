package dev.docpipe.api.it;

import static dev.docpipe.api.it.ConfirmScanConcurrencyIntegrationTest.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReviewIntegrationTest extends ApiIntegrationTest {
    private static final int ROUNDS = 5;

    /** Guarantee 3, in five rounds (a race that passes once may still be lost sometimes). */
    @Test
    void twoConcurrentEditsOfOneVersionOneWinsInEachOfFiveRounds() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            twoConcurrentEditsOfOneVersionOneWins("round " + round);
        }
    }

    private void twoConcurrentEditsOfOneVersionOneWins(String round) throws Exception {
        UUID documentId = extractedDocument("Mathe Klassenarbeit");
        String path = docPath(documentId) + "/review";

        List<HttpApi.Response> responses = concurrently(2, i -> api.patch(path,
                "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"edit " + i + "\"}}"));

        HttpApi.Response won = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow(
                () -> new AssertionError(round + ": " + responses));
        HttpApi.Response lost = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow(
                () -> new AssertionError(round + ": " + responses));
        assertThat(won.json().path("reviewVersion").asLong()).as(round).isEqualTo(1);
        assertThat(won.json().path("status").asString()).as(round).isEqualTo("ACCEPTED");
        assertThat(lost.contentType()).as(round).startsWith("application/problem+json");
        assertThat(lost.code()).as(round).isEqualTo("STALE_WRITE");
        assertThat(lost.json().path("currentReviewVersion").asLong()).as(round).isEqualTo(1);

        HttpApi.Response doc = api.get(docPath(documentId));
        assertThat(doc.json().path("reviewVersion").asLong()).as(round).isEqualTo(1);
        assertThat(doc.json().path("review").path("title").asString()).as(round)
                .isEqualTo(won == responses.get(0) ? "edit 0" : "edit 1");
        assertThat(doc.header("ETag")).as(round).hasValue("\"" + won.json().path("version").asLong() + "\"");
    }

    @Test
    void protectedAndUnknownFieldsAreRefusedAndNeverReachKafka() {
        UUID documentId = extractedDocument("text");
        String path = docPath(documentId) + "/review";
        var before = endOffsets(Topics.COMMANDS);
        for (String field : List.of("state", "reviewVersion", "id", "createdAt", "documentId", "version", "ocr")) {
            HttpApi.Response inPatch = api.patch(path,
                    "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"t\",\"" + field + "\":\"x\"}}");
            assertThat(inPatch.status()).as(field + ": " + inPatch).isEqualTo(422);
            assertThat(inPatch.code()).isEqualTo("PROTECTED_FIELD");
            HttpApi.Response topLevel = api.patch(path,
                    "{\"expectedReviewVersion\":0,\"" + field + "\":1,\"patch\":{\"title\":\"t\"}}");
            assertThat(topLevel.status()).as(field + ": " + topLevel).isEqualTo(422);
        }
        HttpApi.Response unknown = api.patch(path, "{\"expectedReviewVersion\":0,\"patch\":{\"colour\":\"red\"}}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_FIELD");
        assertThat(unknown.json().path("field").asString()).isEqualTo("patch.colour");
        HttpApi.Response empty = api.patch(path, "{\"expectedReviewVersion\":0,\"patch\":{}}");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
        assertThat(empty.code()).isEqualTo("EMPTY_PATCH");
        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
        assertThat(api.get(docPath(documentId)).json().path("state").asString()).isEqualTo("EXTRACTED");
    }

    @Test
    void textThenCorrectedTextThenValidation() {
        UUID documentId = extractedDocument("Erkannter Text äöü");
        HttpApi.Response text = api.get(docPath(documentId) + "/text");
        assertThat(text.status()).as(text.toString()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(text.body()).isEqualTo("Erkannter Text äöü");

        HttpApi.Response edit = api.patch(docPath(documentId) + "/review", """
                {"expectedReviewVersion":0,"patch":{"correctedText":"Korrigiert","tags":["mathe","test"],"language":"de"}}""");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(api.get(docPath(documentId) + "/text").body()).isEqualTo("Korrigiert");
        HttpApi.Response doc = api.get(docPath(documentId));
        assertThat(doc.json().path("review").path("tags").toString()).isEqualTo("[\"mathe\",\"test\"]");
        assertThat(doc.json().path("ocr").path("engineVersion").asString()).isEqualTo("5.3.0");

        HttpApi.Response stale = api.post(docPath(documentId) + "/validate", "{\"expectedReviewVersion\":0}");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("STALE_WRITE");
        assertThat(stale.json().path("currentReviewVersion").asLong()).isEqualTo(1);

        HttpApi.Response validated = api.post(docPath(documentId) + "/validate", "{\"expectedReviewVersion\":1}");
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        assertThat(validated.json().path("state").asString()).isEqualTo("VALIDATED");
        HttpApi.Response again = api.post(docPath(documentId) + "/validate", "{\"expectedReviewVersion\":1}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asString()).isEqualTo("ALREADY_DONE");

        HttpApi.Response afterValidation = api.patch(docPath(documentId) + "/review",
                "{\"expectedReviewVersion\":1,\"patch\":{\"title\":\"late\"}}");
        assertThat(afterValidation.status()).as(afterValidation.toString()).isEqualTo(409);
        assertThat(afterValidation.code()).isEqualTo("NOT_REVIEWABLE");
    }

    @Test
    void noTextBeforeExtraction() {
        UUID documentId = upload();
        HttpApi.Response r = api.get(docPath(documentId) + "/text");
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("TEXT_NOT_AVAILABLE");
    }
}
