package dev.docpipe.api.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.auth.*}. Which half applies depends on the profile: the {@code dev} profile signs and
 * accepts HS256 tokens with {@code jwt-secret}; every other profile is an OAuth2 resource server for an
 * OIDC provider and accepts only that provider's tokens. Each half is checked when its profile builds
 * its decoder ({@link #devSecret()}, {@link #oidc()}), so a production start-up without a provider fails
 * with a message naming the variables to set.
 *
 * @param jwtSecret dev profile: the HMAC-SHA256 key bearer tokens are signed with (at least 32 bytes)
 * @param tokenTtl dev profile: lifetime of tokens this service issues (dev accounts)
 * @param issuerUri OIDC: the provider's issuer; tokens must carry it as {@code iss}. Alone, the keys are
 *     found through its discovery document ({@code /.well-known/openid-configuration})
 * @param jwkSetUri OIDC: where the provider publishes its signing keys; set it to skip discovery
 * @param audience OIDC: what tokens must name in {@code aud} (the API's client id or audience at the provider)
 * @param algorithms OIDC: accepted signature algorithms
 * @param jwksTimeout OIDC: connect and read timeout of fetching the discovery document and the keys
 */
@ConfigurationProperties("docpipe.auth")
public record AuthProperties(
        String jwtSecret,
        @DefaultValue("12h") Duration tokenTtl,
        String issuerUri,
        String jwkSetUri,
        String audience,
        @DefaultValue({"RS256", "ES256"}) List<String> algorithms,
        @DefaultValue("2s") Duration jwksTimeout) {

    /** The OIDC provider's settings, checked: issuer or key set, and an audience. */
    public record Oidc(String issuerUri, String jwkSetUri, String audience, List<String> algorithms,
            Duration jwksTimeout) {}

    public Oidc oidc() {
        if (blank(issuerUri) && blank(jwkSetUri)) {
            throw new IllegalStateException("no identity provider configured: set docpipe.auth.issuer-uri "
                    + "(DOCPIPE_AUTH_ISSUER_URI) or docpipe.auth.jwk-set-uri (DOCPIPE_AUTH_JWK_SET_URI); only the "
                    + "dev profile accepts tokens signed with a shared secret");
        }
        if (blank(audience)) {
            // Without it, any token the provider issues to any of its clients would be accepted here.
            throw new IllegalStateException("docpipe.auth.audience (DOCPIPE_AUTH_AUDIENCE) must be set: the "
                    + "audience the identity provider puts in tokens for this API");
        }
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalStateException("docpipe.auth.algorithms must name at least one algorithm");
        }
        return new Oidc(blank(issuerUri) ? null : issuerUri.strip(), blank(jwkSetUri) ? null : jwkSetUri.strip(),
                audience.strip(), List.copyOf(algorithms), jwksTimeout);
    }

    /** The dev profile's HMAC key, checked. */
    public byte[] devSecret() {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(
                    "docpipe.auth.jwt-secret (DOCPIPE_JWT_SECRET) must be set to at least 32 bytes");
        }
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=<hidden>, tokenTtl=" + tokenTtl + ", issuerUri=" + issuerUri
                + ", jwkSetUri=" + jwkSetUri + ", audience=" + audience + ", algorithms=" + algorithms + "]";
    }
}
