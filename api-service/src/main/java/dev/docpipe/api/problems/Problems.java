package dev.docpipe.api.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem bodies as plain ordered maps: serialised the same way by the exception handler, the error
 * page, the security entry points, the input filters and stored idempotent replies.
 */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://docpipe.dev/problems/";

    private Problems() {}

    public static Map<String, Object> body(HttpStatusCode status, String code, String detail, String instance,
            Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.toLowerCase().replace('_', '-'));
        body.put("title", title(status));
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", code);
        if (properties != null) {
            properties.forEach(body::putIfAbsent);
        }
        return body;
    }

    /** Answers with {@code problem} from a servlet filter, before Spring MVC (and its handler) is reached. */
    public static void write(HttpServletResponse response, ApiProblem problem, String instance, JsonMapper json)
            throws IOException {
        response.setStatus(problem.status().value());
        response.setContentType(PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), body(problem, instance));
    }

    public static Map<String, Object> body(ApiProblem problem, String instance) {
        return body(problem.status(), problem.code(), problem.detail(), instance, problem.properties());
    }

    /** Spring's own ProblemDetail (from framework exceptions) in our shape, with a code. */
    public static Map<String, Object> body(ProblemDetail detail, String code, String instance) {
        Map<String, Object> properties = detail.getProperties() == null ? Map.of() : detail.getProperties();
        URI requested = detail.getInstance();
        return body(HttpStatusCode.valueOf(detail.getStatus()), code, detail.getDetail(),
                requested != null ? requested.toString() : instance, properties);
    }

    public static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 422 -> "UNPROCESSABLE";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
        };
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
