package dev.docpipe.api.auth;

import dev.docpipe.api.problems.ApiProblem;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers a {@link Caller} parameter: the account of the token's {@code sub} ({@link Caller#ofSubject}). */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return current();
    }

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return of(authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt : null);
    }

    /** The caller a verified token names; 401 INVALID_TOKEN if it names no account. */
    public static Caller of(Jwt jwt) {
        if (jwt != null && jwt.getSubject() != null && !jwt.getSubject().isBlank()) {
            return Caller.ofSubject(jwt.getSubject());
        }
        throw new ApiProblem(HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "the token names no account");
    }
}
