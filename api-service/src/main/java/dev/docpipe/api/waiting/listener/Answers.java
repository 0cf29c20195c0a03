package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.BearerTokenFailures;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.problems.ProblemHandler;
import dev.docpipe.api.problems.Problems;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the listener's answers as the main port writes its own: the same ResponseEntity the shared answer classes
 * build, its body by the API's JsonMapper; refusals as the same problem+json (ProblemHandler's codes and
 * Retry-After); and the headers Spring Security adds to every answer there.
 */
final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    private static final String PROBLEM_JSON = Problems.PROBLEM_JSON.toString();

    private final JsonMapper json;
    private final String retryAfter;

    Answers(JsonMapper json, Duration retryAfter) {
        this.json = json;
        this.retryAfter = Long.toString(retryAfter.toSeconds());
    }

    Mono<Void> write(HttpServerResponse response, ResponseEntity<?> answer) {
        response.status(answer.getStatusCode().value());
        secure(response);
        answer.getHeaders().forEach((name, values) -> response.responseHeaders().set(name, values));
        Object body = answer.getBody();
        if (body == null) {
            return response.send();
        }
        if (!response.responseHeaders().contains(HttpHeaderNames.CONTENT_TYPE)) {
            response.header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        }
        return response.sendByteArray(Mono.just(json.writeValueAsBytes(body))).then();
    }

    /** What the main port answers to {@code failure} (an ApiProblem, a database outage, anything else: 500). */
    ResponseEntity<?> failure(Throwable failure, String path) {
        ApiProblem problem;
        if (failure instanceof ApiProblem p) {
            problem = p;
        } else if (ProblemHandler.isDatabaseFailure(failure)) {
            log.warn("database error on GET {} (wait listener): {}", path, failure.toString());
            problem = ProblemHandler.databaseUnavailable();
        } else {
            log.error("unexpected error on GET {} (wait listener)", path, failure);
            problem = new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                    "the request could not be completed; it is safe to retry");
        }
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(problem.status())
                .header(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            reply.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            reply.header(HttpHeaders.RETRY_AFTER, "IDENTITY_PROVIDER_UNAVAILABLE".equals(problem.code())
                    ? BearerTokenFailures.RETRY_AFTER_SECONDS : retryAfter);
        }
        return reply.body(Problems.body(problem, path));
    }

    /** Spring Security's default response headers, as the main port sends them. */
    static void secure(HttpServerResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("X-XSS-Protection", "0")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                .header(HttpHeaderNames.PRAGMA, "no-cache")
                .header(HttpHeaderNames.EXPIRES, "0")
                .header("X-Frame-Options", "DENY");
    }
}
