package dev.docpipe.api.problems;

import dev.docpipe.api.config.ApiProperties;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors raised outside Spring MVC: rejected URLs, filter
 * failures): the same problem+json as everywhere else instead of Boot's default body.
 */
@RestController
public class ProblemErrorController implements ErrorController {
    private final String retryAfter;

    public ProblemErrorController(ApiProperties properties) {
        this.retryAfter = Long.toString(properties.retryAfter().toSeconds());
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // a filter (authentication, say) that asked a database which is down: the same 503 as a handler's
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e
                && ProblemHandler.isDatabaseFailure(e)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(Problems.PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, retryAfter)
                    .body(Problems.body(ProblemHandler.databaseUnavailable(), uri != null ? uri.toString() : null));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(status);
        String detail = status == 400 ? "the request was rejected" : null;
        return ResponseEntity.status(httpStatus)
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.body(httpStatus, Problems.codeFor(httpStatus), detail,
                        uri != null ? uri.toString() : null, null));
    }
}
