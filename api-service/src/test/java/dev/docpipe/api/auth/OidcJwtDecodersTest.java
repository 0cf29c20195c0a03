package dev.docpipe.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.docpipe.api.config.AuthProperties;
import dev.docpipe.api.support.TestIdentityProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The production decoder against a real JWK set served over HTTP by {@link TestIdentityProvider}. Every
 * refusal must be a {@link BadJwtException}: that is what Spring answers with 401 (any other JwtException
 * would be a server error).
 */
class OidcJwtDecodersTest {
    private static TestIdentityProvider provider;

    @BeforeAll
    static void startProvider() {
        provider = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void ownKeys() {
        provider.publishOwnKeys();
    }

    private static AuthProperties.Oidc byJwkSet() {
        return new AuthProperties(null, Duration.ofHours(1), provider.issuer(), provider.jwkSetUri(),
                TestIdentityProvider.AUDIENCE, List.of("RS256", "ES256"), Duration.ofSeconds(5)).oidc();
    }

    private static AuthProperties.Oidc byDiscovery() {
        return new AuthProperties(null, Duration.ofHours(1), provider.issuer(), null,
                TestIdentityProvider.AUDIENCE, List.of("RS256", "ES256"), Duration.ofSeconds(5)).oidc();
    }

    @Test
    void acceptsRs256AndEs256TokensOfThePublishedKeys() {
        JwtDecoder decoder = OidcJwtDecoders.create(byJwkSet());
        Jwt rsa = decoder.decode(TestIdentityProvider.sign(provider.rsaKey(), provider.validClaims("auth0|alice").build()));
        Jwt ec = decoder.decode(TestIdentityProvider.sign(provider.ecKey(), provider.validClaims("bob").build()));
        assertThat(rsa.getSubject()).isEqualTo("auth0|alice");
        assertThat(ec.getSubject()).isEqualTo("bob");
    }

    @Test
    void findsTheKeysByDiscoveryOnTheFirstTokenNotAtStartUp() {
        int before = provider.jwksFetches();
        JwtDecoder decoder = OidcJwtDecoders.create(byDiscovery());
        assertThat(provider.jwksFetches()).as("nothing fetched at start-up").isEqualTo(before);
        Jwt jwt = decoder.decode(TestIdentityProvider.sign(provider.rsaKey(), provider.validClaims("carol").build()));
        assertThat(jwt.getSubject()).isEqualTo("carol");
        assertThat(provider.jwksFetches()).isGreaterThan(before);
    }

    @Test
    void aRotatedKeyIsFetchedByItsKidAndTheRemovedOneIsRefused() {
        JwtDecoder decoder = OidcJwtDecoders.create(byJwkSet());
        decoder.decode(TestIdentityProvider.sign(provider.rsaKey(), provider.validClaims("dave").build()));

        RSAKey next = TestIdentityProvider.newRsaKey("rsa-next");
        provider.publish(next, provider.ecKey());
        int before = provider.jwksFetches();

        Jwt rotated = decoder.decode(TestIdentityProvider.sign(next, provider.validClaims("dave").build()));
        assertThat(rotated.getSubject()).isEqualTo("dave");
        assertThat(provider.jwksFetches()).as("the unknown kid made it fetch the set again").isGreaterThan(before);
        String oldKey = TestIdentityProvider.sign(provider.rsaKey(), provider.validClaims("dave").build());
        assertThatThrownBy(() -> decoder.decode(oldKey)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void refusesWrongIssuerAudienceAndLifetime() {
        JwtDecoder decoder = OidcJwtDecoders.create(byJwkSet());
        Instant now = Instant.now();
        List<JWTClaimsSet> refused = List.of(
                provider.validClaims("eve").issuer("https://other-provider.example").build(),
                provider.validClaims("eve").audience("another-client").build(),
                provider.validClaims("eve").audience((String) null).build(),
                provider.validClaims("eve").issueTime(Date.from(now.minus(Duration.ofHours(3))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build(),
                provider.validClaims("eve").expirationTime(null).build(),
                provider.validClaims("eve").notBeforeTime(Date.from(now.plus(Duration.ofHours(1)))).build(),
                provider.validClaims(null).build());
        for (JWTClaimsSet claims : refused) {
            String token = TestIdentityProvider.sign(provider.rsaKey(), claims);
            assertThatThrownBy(() -> decoder.decode(token)).as(claims.toString()).isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void refusesAlgNoneHs256WithThePublicKeyAndForeignKeys() {
        JwtDecoder decoder = OidcJwtDecoders.create(byJwkSet());
        JWTClaimsSet claims = provider.validClaims("mallory").build();
        RSAKey sameKidOtherKey = TestIdentityProvider.newRsaKey(provider.rsaKey().getKeyID());
        List<String> refused = List.of(
                TestIdentityProvider.unsigned(claims),
                provider.hs256WithPublicKey(claims),
                TestIdentityProvider.sign(sameKidOtherKey, claims),
                TestIdentityProvider.sign(TestIdentityProvider.newEcKey("unknown-kid"), claims));
        for (String token : refused) {
            assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void aProviderThatCannotBeReachedIsNoBadToken() {
        TestIdentityProvider gone = TestIdentityProvider.start();
        String token = TestIdentityProvider.sign(gone.rsaKey(), gone.validClaims("frank").build());
        gone.close();
        for (AuthProperties.Oidc oidc : List.of(
                new AuthProperties(null, Duration.ofHours(1), gone.issuer(), gone.jwkSetUri(), "api",
                        List.of("RS256"), Duration.ofSeconds(2)).oidc(),
                new AuthProperties(null, Duration.ofHours(1), gone.issuer(), null, "api",
                        List.of("RS256"), Duration.ofSeconds(2)).oidc())) {
            JwtDecoder decoder = OidcJwtDecoders.create(oidc);
            assertThatThrownBy(() -> decoder.decode(token)).as(oidc.toString()).isInstanceOf(JwtException.class)
                    .isNotInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void discoveryFailingAtFirstIsTriedAgainOnTheNextToken() {
        JwtDecoder decoder = OidcJwtDecoders.create(byDiscovery());
        String token = TestIdentityProvider.sign(provider.ecKey(), provider.validClaims("grace").build());
        provider.down(true);
        try {
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                    .isNotInstanceOf(BadJwtException.class);
        } finally {
            provider.down(false);
        }
        assertThat(decoder.decode(token).getSubject()).isEqualTo("grace");
    }

    @Test
    void symmetricAlgorithmsCannotBeConfigured() {
        AuthProperties.Oidc hs256 = new AuthProperties(null, Duration.ofHours(1), provider.issuer(), null, "api",
                List.of("RS256", "HS256"), Duration.ofSeconds(5)).oidc();
        assertThatThrownBy(() -> OidcJwtDecoders.create(hs256)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HS256");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class AuthPropertiesConfig {}

    private final ApplicationContextRunner outsideDev = new ApplicationContextRunner()
            .withUserConfiguration(AuthPropertiesConfig.class, OidcTokenConfig.class);

    @Test
    void outsideDevTheStartUpFailsWithoutAProviderOrAudience() {
        outsideDev.withPropertyValues("docpipe.auth.jwt-secret=a-shared-secret-of-at-least-32-bytes!!")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("DOCPIPE_AUTH_ISSUER_URI")
                        .hasMessageContaining("DOCPIPE_AUTH_JWK_SET_URI"));
        outsideDev.withPropertyValues("docpipe.auth.issuer-uri=" + provider.issuer())
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("DOCPIPE_AUTH_AUDIENCE"));
        outsideDev.withPropertyValues("docpipe.auth.issuer-uri=" + provider.issuer(), "docpipe.auth.audience=api")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }
}
