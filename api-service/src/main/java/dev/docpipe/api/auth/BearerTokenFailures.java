package dev.docpipe.api.auth;

import dev.docpipe.api.problems.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a bearer token that does not authenticate is answered: 401 INVALID_TOKEN for a bad one (forged,
 * expired, another issuer or audience, malformed), 401 UNAUTHENTICATED without one, and 503
 * IDENTITY_PROVIDER_UNAVAILABLE with Retry-After when the token could not be checked at all because the
 * provider's keys or discovery document cannot be fetched: that is not the client's fault, and a 401
 * would make an app sign its user out. (Spring's default rethrows that case, which became a 500.)
 */
public final class BearerTokenFailures implements AuthenticationEntryPoint, AuthenticationFailureHandler {
    public static final String RETRY_AFTER_SECONDS = "5";

    private final JsonMapper json;

    BearerTokenFailures(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        SecurityConfig.write(json, request, response, e instanceof InvalidBearerTokenException
                ? invalidToken() : SecurityConfig.unauthenticated());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            SecurityConfig.write(json, request, response, identityProviderUnavailable());
            return;
        }
        commence(request, response, e);
    }

    public static ApiProblem invalidToken() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "the bearer token is invalid or expired");
    }

    /** Send with Retry-After {@link #RETRY_AFTER_SECONDS}. */
    public static ApiProblem identityProviderUnavailable() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "IDENTITY_PROVIDER_UNAVAILABLE",
                "the bearer token cannot be checked right now");
    }
}
