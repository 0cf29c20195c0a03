package dev.docpipe.api.ops;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who reaches {@code /ops}: every path needs the operator role ({@link OperatorRole}), so a family's token gets 403
 * everywhere under it. The page itself and its script and style sheet hold no data and are also served without any
 * token (a browser cannot send a bearer token when it loads a page); the page then asks for the operator's token.
 */
public final class OpsSecurity {
    /** The page and its static files. */
    static final String[] PAGE = {"/ops", "/ops/", "/ops/console.js", "/ops/console.css"};

    private OpsSecurity() {}

    /** Adds the rules of /ops (before the catch-all rule). */
    public static AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry auth) {
        return auth.requestMatchers(PAGE).access(anonymousOrOperator())
                .requestMatchers("/ops/**").hasRole(OperatorRole.ROLE);
    }

    private static AuthorizationManager<RequestAuthorizationContext> anonymousOrOperator() {
        return AuthorizationManagers.anyOf(AuthenticatedAuthorizationManager.anonymous(),
                AuthorityAuthorizationManager.hasRole(OperatorRole.ROLE));
    }
}
