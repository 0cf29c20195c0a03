package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.DevTestTokens;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestIdentityProvider;
import dev.docpipe.api.support.WithOidcProvider;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Outside the dev profile there is no account endpoint and no shared-secret token: the API accepts only
 * its OIDC provider's tokens.
 */
@WithOidcProvider
class WithoutDevProfileIntegrationTest extends ApiIntegrationTest {
    private static final String DEV_SECRET = "dev-only-secret-0123456789abcdef-0123456789abcdef";

    @Test
    void devAccountsDoNotExist() {
        HttpApi.Response r = api.anonymous().post("/api/v1/dev/accounts", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void everythingElseStillNeedsAToken() {
        HttpApi.Response r = api.anonymous().get("/api/v1/commands/" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aProviderThatCannotBeReachedIs503NotA401() {
        TestIdentityProvider provider = TestIdentityProvider.shared();
        // a kid the API has not seen makes it fetch the key set, which fails while the provider is down
        String newKey = TestIdentityProvider.sign(TestIdentityProvider.newEcKey("not-yet-seen-" + UUID.randomUUID()),
                provider.validClaims(accountId.toString()).build());
        assertThat(api.get("/api/v1/children").status()).as("the provider's keys are known").isEqualTo(200);
        provider.down(true);
        try {
            HttpApi.Response r = api.as(newKey).get("/api/v1/children");
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
            assertThat(r.header("Retry-After")).isPresent();
            // a new token with a known key is still checked without the provider
            String knownKey = TestIdentityProvider.sign(provider.rsaKey(),
                    provider.validClaims(accountId.toString()).jwtID(UUID.randomUUID().toString()).build());
            assertThat(api.as(knownKey).get("/api/v1/children").status()).isEqualTo(200);
        } finally {
            provider.down(false);
        }
    }

    /** The wait listener checks tokens with the same decoder and answers the same (decision 0014). */
    @Test
    void theWaitListenerTakesTheProvidersTokensAndSays503WhenItCannotCheckOne() {
        HttpApi listener = waitingOn(WaitPort.LISTENER, api);
        TestIdentityProvider provider = TestIdentityProvider.shared();
        String newKey = TestIdentityProvider.sign(TestIdentityProvider.newEcKey("not-yet-seen-" + UUID.randomUUID()),
                provider.validClaims(accountId.toString()).build());
        String changes = "/api/v1/children/" + UUID.randomUUID() + "/documents/changes";
        assertThat(listener.get(changes).code()).as("checked, then not the caller's child")
                .isEqualTo("CHILD_NOT_FOUND");
        provider.down(true);
        try {
            HttpApi.Response r = listener.as(newKey).get(changes);
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
            assertThat(r.header("Retry-After")).isPresent();
        } finally {
            provider.down(false);
        }
    }

    @Test
    void aTokenSignedWithTheDevSecretIsRefused() {
        // the dev profile's fixed key: whoever read application.yml could sign with it
        String devToken = new DevTestTokens(new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(DEV_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")))).issue(accountId);
        HttpApi.Response r = api.as(devToken).get("/api/v1/children/" + childId + "/documents");
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("INVALID_TOKEN");
        assertThat(api.get("/api/v1/children/" + childId + "/documents").status()).isEqualTo(200);
    }
}
