package dev.docpipe.api.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestIdentityProvider;
import dev.docpipe.api.support.WithOidcProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a real mobile app does after signing in at the OIDC provider, with no dev endpoint: create a
 * child, list its children, upload under the new child. Accounts come into being with their first
 * child; another account sees none of it.
 */
@WithOidcProvider
class ChildrenIntegrationTest extends ApiIntegrationTest {

    /** A user the API has never seen, with a provider-style opaque subject. */
    private HttpApi newUser() {
        TestIdentityProvider provider = TestIdentityProvider.shared();
        String token = TestIdentityProvider.sign(provider.ecKey(),
                provider.validClaims("google-oauth2|" + UUID.randomUUID()).build());
        return api.as(token);
    }

    private static UUID created(HttpApi.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        UUID child = UUID.fromString(r.json().path("childId").asString());
        assertThat(r.header("Location")).contains("/api/v1/children/" + child);
        return child;
    }

    private static List<String> childIds(HttpApi.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("items").valueStream().map(item -> item.path("childId").asString()).toList();
    }

    @Test
    void aNewAccountCreatesAndListsItsChildrenAndUploadsUnderOne() {
        HttpApi parent = newUser();
        assertThat(childIds(parent.get("/api/v1/children"))).isEmpty();

        UUID mia = created(parent.post("/api/v1/children", "{\"name\":\"Mia\"}"));
        UUID unnamed = created(parent.post("/api/v1/children", null));

        HttpApi.Response list = parent.get("/api/v1/children");
        assertThat(childIds(list)).containsExactly(mia.toString(), unnamed.toString());
        assertThat(list.json().path("items").get(0).path("name").asString()).isEqualTo("Mia");
        JsonNode one = parent.get("/api/v1/children/" + mia).json();
        assertThat(one.path("name").asString()).isEqualTo("Mia");

        HttpApi.Response upload = parent.uploadFile(mia, "scan.pdf", pdf());
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        UUID document = UUID.fromString(upload.json().path("documentId").asString());
        HttpApi.Response documents = parent.get("/api/v1/children/" + mia + "/documents");
        assertThat(documents.status()).as(documents.toString()).isEqualTo(200);
        assertThat(parent.get("/api/v1/children/" + mia + "/documents/" + document).status()).isEqualTo(200);
    }

    @Test
    void anotherAccountSeesNoneOfIt() {
        HttpApi parent = newUser();
        UUID child = created(parent.post("/api/v1/children", "{\"name\":\"Noah\"}"));
        HttpApi stranger = newUser();
        created(stranger.post("/api/v1/children", "{\"name\":\"own\"}"));

        assertThat(childIds(stranger.get("/api/v1/children"))).doesNotContain(child.toString()).hasSize(1);
        HttpApi.Response get = stranger.get("/api/v1/children/" + child);
        HttpApi.Response unknown = stranger.get("/api/v1/children/" + UUID.randomUUID());
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.code()).isEqualTo("CHILD_NOT_FOUND").isEqualTo(unknown.code());
        HttpApi.Response upload = stranger.uploadFile(child, "scan.pdf", pdf());
        assertThat(upload.status()).as(upload.toString()).isEqualTo(404);
        assertThat(upload.code()).isEqualTo("CHILD_NOT_FOUND");
        assertThat(stranger.get("/api/v1/children/" + child + "/documents").status()).isEqualTo(404);
        assertThat(childIds(parent.get("/api/v1/children"))).containsExactly(child.toString());
    }

    @Test
    void badRequestsAreProblemsAndCreateNothing() {
        HttpApi parent = newUser();
        for (String body : List.of("{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"" + "x".repeat(101) + "\"}",
                "{\"name\":\"a\\u0000b\"}", "{\"name\":[\"Mia\"]}", "{\"nmae\":\"Mia\"}", "[]", "{")) {
            HttpApi.Response r = parent.post("/api/v1/children", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        HttpApi.Response[] protocol = {
            parent.method("POST", "/api/v1/children", "text/plain", "Mia".getBytes(UTF_8)),
            parent.get("/api/v1/children/not-a-uuid"),
            parent.method("PUT", "/api/v1/children", "application/json", "{}".getBytes(UTF_8))};
        assertThat(Arrays.stream(protocol).map(HttpApi.Response::status)).containsExactly(415, 400, 405);
        for (HttpApi.Response r : protocol) {
            assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        }
        assertThat(parent.anonymous().post("/api/v1/children", "{\"name\":\"Mia\"}").status()).isEqualTo(401);
        assertThat(parent.anonymous().get("/api/v1/children").status()).isEqualTo(401);
        assertThat(childIds(parent.get("/api/v1/children"))).isEmpty();
    }

    @Test
    void aRetriedCreationWithItsIdempotencyKeyGetsTheSameChild() throws Exception {
        HttpApi parent = newUser();
        String key = "create-child-" + UUID.randomUUID();
        HttpApi.Response first = parent.post("/api/v1/children", "{\"name\":\"Lea\"}", "Idempotency-Key", key);
        UUID child = created(first);
        HttpApi.Response again = parent.post("/api/v1/children", "{\"name\":\"Lea\"}", "Idempotency-Key", key);
        assertThat(created(again)).isEqualTo(child);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.json()).isEqualTo(first.json());

        HttpApi.Response otherName = parent.post("/api/v1/children", "{\"name\":\"Tom\"}", "Idempotency-Key", key);
        assertThat(otherName.status()).as(otherName.toString()).isEqualTo(422);
        assertThat(otherName.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(parent.post("/api/v1/children", null, "Idempotency-Key", "bad key").code())
                .isEqualTo("INVALID_IDEMPOTENCY_KEY");

        // the same key from another account is another key
        assertThat(created(newUser().post("/api/v1/children", "{\"name\":\"Lea\"}", "Idempotency-Key", key)))
                .isNotEqualTo(child);

        // concurrent retries of one request: one child
        String concurrentKey = "concurrent-" + UUID.randomUUID();
        List<Callable<UUID>> retries = IntStream.range(0, 8)
                .<Callable<UUID>>mapToObj(i -> () -> created(
                        parent.post("/api/v1/children", "{\"name\":\"Max\"}", "Idempotency-Key", concurrentKey)))
                .toList();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<UUID> ids = new ArrayList<>();
            for (var f : pool.invokeAll(retries)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        }
        assertThat(childIds(parent.get("/api/v1/children"))).hasSize(2);
    }

    @Test
    void anAccountHasAtMostAHundredChildren() {
        HttpApi parent = newUser();
        for (int i = 0; i < 100; i++) {
            created(parent.post("/api/v1/children", null));
        }
        HttpApi.Response r = parent.post("/api/v1/children", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("CHILD_LIMIT_REACHED");
        assertThat(childIds(parent.get("/api/v1/children"))).hasSize(100);
    }

    @Test
    void openApiDocumentsTheChildrenEndpoints() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").json().path("paths");
        JsonNode create = paths.path("/api/v1/children").path("post");
        assertThat(create.path("responses").has("201")).isTrue();
        assertThat(create.path("responses").path("409").path("description").asString()).contains("CHILD_LIMIT_REACHED");
        assertThat(create.path("responses").path("422").path("description").asString())
                .contains("IDEMPOTENCY_KEY_REUSED");
        assertThat(create.path("parameters").toString()).contains("Idempotency-Key");
        assertThat(paths.path("/api/v1/children").has("get")).isTrue();
        assertThat(paths.path("/api/v1/children/{childId}").path("get").path("responses").has("404")).isTrue();
    }

    @Test
    void aKeyTheProviderStartsPublishingIsAcceptedWithoutARestart() {
        TestIdentityProvider provider = TestIdentityProvider.shared();
        RSAKey next = TestIdentityProvider.newRsaKey("rotated-" + UUID.randomUUID());
        provider.publish(provider.rsaKey(), provider.ecKey(), next);
        try {
            HttpApi parent = api.as(TestIdentityProvider.sign(next,
                    provider.validClaims("rotated|" + UUID.randomUUID()).build()));
            created(parent.post("/api/v1/children", "{\"name\":\"Ada\"}"));
        } finally {
            // (that the key set is refetched, and a removed key refused, is OidcJwtDecodersTest's)
            provider.publishOwnKeys();
        }
    }
}
