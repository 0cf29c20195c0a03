package dev.docpipe.api.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@value #NAME} on every response: the id of the request's trace, so that "I tapped confirm and nothing
 * happened" comes with the id an operator looks up (docs/operations.md, "Finding a trace"). Runs just inside
 * Spring Boot's HTTP observation filter, whose span is current here, and before security, so a 401 or 403
 * carries it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class TraceIdHeader extends OncePerRequestFilter {
    public static final String NAME = "X-Trace-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            response.setHeader(NAME, span.getTraceId());
        }
        chain.doFilter(request, response);
    }
}
