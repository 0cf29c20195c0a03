package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Who may see what: another family's token finds nothing, no token gets 401. */
class OwnershipIntegrationTest extends ApiIntegrationTest {

    record Call(String name, Function<HttpApi, HttpApi.Response> send) {}

    private List<Call> everyEndpoint(UUID child, UUID documentId, UUID commandId) {
        String doc = "/api/v1/children/" + child + "/documents/" + documentId;
        return List.of(
                new Call("upload", a -> a.uploadFile(child, "x.pdf", pdf())),
                new Call("get", a -> a.get(doc)),
                new Call("list", a -> a.get("/api/v1/children/" + child + "/documents")),
                new Call("text", a -> a.get(doc + "/text")),
                new Call("confirm-scan", a -> a.post(doc + "/confirm-scan", null)),
                new Call("rescan", a -> a.post(doc + "/rescan", "{\"supersedesAttempt\":1}")),
                new Call("retry-ocr", a -> a.post(doc + "/retry-ocr", "{\"failedAttempt\":1}")),
                new Call("review", a -> a.patch(doc + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"x\"}}")),
                new Call("validate", a -> a.post(doc + "/validate", "{\"expectedReviewVersion\":1}")),
                new Call("command", a -> a.get("/api/v1/commands/" + commandId)));
    }

    @Test
    void anotherAccountGets404EverywhereAndChangesNothing() {
        UUID documentId = extractedDocument("private text");
        HttpApi.Response edit = api.patch(docPath(documentId) + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"mine\"}}");
        UUID commandId = UUID.fromString(edit.json().path("commandId").asString());
        long version = api.get(docPath(documentId)).json().path("version").asLong();
        Family stranger = newFamily();
        var before = endOffsets(Topics.COMMANDS);

        for (Call call : everyEndpoint(childId, documentId, commandId)) {
            HttpApi.Response r = call.send().apply(stranger.api());
            assertThat(r.status()).as(call.name() + ": " + r).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("private text").doesNotContain("mine");
        }
        // the stranger's own child with my document id: still not found
        for (Call call : everyEndpoint(stranger.childId(), documentId, commandId)) {
            if (call.name().equals("upload") || call.name().equals("list")) {
                continue; // their own child: allowed, and not about my document
            }
            HttpApi.Response r = call.send().apply(stranger.api());
            assertThat(r.status()).as("own child, " + call.name() + ": " + r).isEqualTo(404);
        }
        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
        assertThat(api.get(docPath(documentId)).json().path("version").asLong()).isEqualTo(version);
        // and I still see my command
        assertThat(api.get("/api/v1/commands/" + commandId).status()).isEqualTo(200);
    }

    @Test
    void noTokenIs401AndABadTokenIs401() {
        UUID documentId = upload();
        for (Call call : everyEndpoint(childId, documentId, UUID.randomUUID())) {
            HttpApi.Response none = call.send().apply(api.anonymous());
            assertThat(none.status()).as(call.name() + ": " + none).isEqualTo(401);
            assertThat(none.contentType()).startsWith("application/problem+json");
            assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(none.header("WWW-Authenticate")).isPresent();

            HttpApi.Response forged = call.send().apply(api.as(
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5"));
            assertThat(forged.status()).as(call.name() + ": " + forged).isEqualTo(401);
            assertThat(forged.code()).isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void aValidTokenWithoutAnAccountIdIs401() {
        HttpApi.Response r = api.as(tokens.issue(UUID.randomUUID()).substring(0, 20) + "garbage.x.y")
                .get("/api/v1/children/" + childId + "/documents");
        assertThat(r.status()).isEqualTo(401);
    }
}
