package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.BearerTokenFailures;
import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.CallerArgumentResolver;
import dev.docpipe.api.auth.HeaderBearerTokenResolver;
import dev.docpipe.api.auth.SecurityConfig;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The caller of a listener request, from its Authorization header, checked by the API's own JwtDecoder (dev or
 * OIDC, cached) and answered as the main port's security chain answers: 401 UNAUTHENTICATED without a token, 401
 * INVALID_TOKEN for a bad one (Spring's JwtAuthenticationProvider: a {@link BadJwtException}), 503
 * IDENTITY_PROVIDER_UNAVAILABLE when it could not be checked (any other {@link JwtException}). May fetch the
 * provider's keys: not on an event loop.
 */
final class BearerCallers {
    private final JwtDecoder decoder;

    BearerCallers(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    Caller authenticate(String authorization) {
        String token;
        try {
            token = HeaderBearerTokenResolver.token(authorization);
        } catch (OAuth2AuthenticationException malformed) {
            throw BearerTokenFailures.invalidToken();
        }
        if (token == null) {
            throw SecurityConfig.unauthenticated();
        }
        try {
            return CallerArgumentResolver.of(decoder.decode(token));
        } catch (BadJwtException bad) {
            throw BearerTokenFailures.invalidToken();
        } catch (JwtException unchecked) {
            throw BearerTokenFailures.identityProviderUnavailable();
        }
    }
}
