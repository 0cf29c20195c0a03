package dev.docpipe.api.auth;

import dev.docpipe.api.config.AuthProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The decoder of an OIDC provider's access tokens: signature by a key of the provider's JWK set, with
 * only the configured asymmetric algorithms (so neither {@code alg: none} nor an HS256 token "signed"
 * with the provider's public key can pass); {@code iss} (when an issuer is configured), {@code aud},
 * {@code exp}/{@code nbf} (a minute's clock skew) and a {@code sub}.
 *
 * <p>Key rotation needs nothing here: Spring's JWK set source fetches the set again when a token names a
 * {@code kid} it does not hold, and otherwise keeps it for five minutes. Fetches have timeouts (the
 * default client would wait forever, with every request needing a new key queued behind it). With an
 * issuer but no JWK set URI the keys are found by discovery, on the first token rather than at start-up,
 * so a provider that is down does not keep the API from starting (it tries again on the next token).
 * A provider that cannot be reached is a {@link JwtException} that is no {@code BadJwtException}: the
 * API answers it with 503 ({@link BearerTokenFailures}), a bad token with 401.
 */
public final class OidcJwtDecoders {
    private OidcJwtDecoders() {}

    public static JwtDecoder create(AuthProperties.Oidc oidc) {
        Set<SignatureAlgorithm> algorithms = algorithms(oidc.algorithms());
        if (oidc.jwkSetUri() != null) {
            return build(oidc, algorithms, NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()));
        }
        JwtDecoder discovered = new SupplierJwtDecoder(() ->
                build(oidc, algorithms, NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri())));
        return token -> {
            try {
                return discovered.decode(token);
            } catch (JwtDecoderInitializationException e) {
                // a JwtException but no BadJwtException: "could not check", answered 503, not 401
                throw new JwtException("the identity provider's discovery document cannot be read", e);
            }
        };
    }

    private static NimbusJwtDecoder build(AuthProperties.Oidc oidc, Set<SignatureAlgorithm> algorithms,
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
        NimbusJwtDecoder decoder = builder
                .restOperations(restTemplate(oidc))
                .jwsAlgorithms(set -> {
                    set.clear();
                    set.addAll(algorithms);
                })
                .build();
        decoder.setJwtValidator(validator(oidc));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(AuthProperties.Oidc oidc) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (oidc.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(oidc.issuerUri()));
        }
        String audience = oidc.audience();
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                aud -> aud instanceof Collection<?> list ? list.contains(audience) : audience.equals(aud)));
        // a token without exp would be valid forever
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        return JwtValidators.createDefaultWithValidators(validators);
    }

    static Set<SignatureAlgorithm> algorithms(List<String> names) {
        Set<SignatureAlgorithm> algorithms = new java.util.LinkedHashSet<>();
        for (String name : names) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.strip());
            if (algorithm == null) {
                throw new IllegalStateException("docpipe.auth.algorithms: " + name + " is not an asymmetric "
                        + "signature algorithm (RS256, ES256, PS256, ...)");
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    private static RestTemplate restTemplate(AuthProperties.Oidc oidc) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(oidc.jwksTimeout());
        factory.setReadTimeout(oidc.jwksTimeout());
        return new RestTemplate(factory);
    }
}
