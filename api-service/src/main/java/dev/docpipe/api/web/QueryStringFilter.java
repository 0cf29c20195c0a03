package dev.docpipe.api.web;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A query string must be percent-encoded UTF-8 without NUL, on every path (/actuator included): 400
 * MALFORMED_QUERY_STRING otherwise. Tomcat decodes the query only when a parameter is first read, and
 * its decoder then fails with an exception deep in whichever filter or handler asked (a 500); checking
 * the raw query string here, before anything reads a parameter, refuses it the same way everywhere.
 * Runs after the observation filter, so refused requests are still counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class QueryStringFilter extends OncePerRequestFilter {
    private final JsonMapper json;

    public QueryStringFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getQueryString());
        if (problem != null) {
            Problems.write(response, ApiProblem.badRequest("MALFORMED_QUERY_STRING", "the query string " + problem),
                    request.getRequestURI(), json);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with a raw (still percent-encoded) query string, or null if nothing is. */
    static String problem(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                int high = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(query.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    return "has a '%' that is not followed by two hex digits";
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c > 0x7E) {
                // Tomcat refuses raw non-ASCII in the request line; anything else that gets here is not ours
                return "has a character that is not percent-encoded";
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            // also overlong forms (%C0%AF) and encoded surrogates (%ED%A0%80), which the JDK refuses
            return "is not valid UTF-8 once percent-decoded";
        }
        if (decoded.indexOf('\0') >= 0) {
            return "contains NUL";
        }
        return null;
    }
}
