package dev.docpipe.api.web;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code Content-Type} of {@code *}/{@code *} or {@code text/*} names no media type (wildcards belong
 * in {@code Accept}): 415 before Spring MVC sees it, whose request headers refuse such a value with an
 * {@link IllegalArgumentException} (a 500) as soon as a handler reads the body. Unparsable values are
 * left to Spring, which ignores them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class WildcardContentTypeFilter extends OncePerRequestFilter {
    private final JsonMapper json;

    public WildcardContentTypeFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            ApiProblem problem = new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must name one media type, not a wildcard");
            Problems.write(response, problem, request.getRequestURI(), json);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
