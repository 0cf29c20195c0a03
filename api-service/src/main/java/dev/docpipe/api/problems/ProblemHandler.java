package dev.docpipe.api.problems;

import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.web.PayloadTooLargeException;
import dev.docpipe.blob.BlobTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error as RFC 9457 {@code application/problem+json} with a stable {@code code}: Spring MVC's
 * own exceptions (405, 415, unreadable bodies, bad ids), ours ({@link ApiProblem}), and a last resort
 * for anything unexpected.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Fields no request may set (docs/design.md): naming one is refused with 422 PROTECTED_FIELD. */
    public static final Set<String> PROTECTED_FIELDS = Set.of("id", "documentId", "childId", "createdAt",
            "updatedAt", "reviewVersion", "state", "version", "owner", "file", "scan", "ocr", "textRef",
            "currentJob", "lastFailure", "engineVersion", "attempt");

    /** Seconds, the Retry-After of every 503: a dependency is down and the request may simply be retried. */
    private final String retryAfter;

    public ProblemHandler(ApiProperties properties) {
        this.retryAfter = Long.toString(properties.retryAfter().toSeconds());
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem, HttpServletRequest request) {
        return respond(problem, request);
    }

    @ExceptionHandler(BlobTooLargeException.class)
    ResponseEntity<Object> blobTooLarge(BlobTooLargeException e, HttpServletRequest request) {
        return respond(tooLarge("the file exceeds " + e.maxBytes() + " bytes"), request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException || causedBy(e, PayloadTooLargeException.class)) {
            return respond(tooLarge("the upload exceeds the size limit"), request);
        }
        return respond(ApiProblem.badRequest("MALFORMED_MULTIPART", "the multipart body cannot be read"), request);
    }

    /**
     * Spring Security's firewall checks header values lazily, when a handler reads them (e.g. a
     * non-ASCII Idempotency-Key): the request is malformed, the same 400 as the firewall's other refusals.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, HttpServletRequest request) {
        return respond(ApiProblem.badRequest("BAD_REQUEST", "the request was rejected"), request);
    }

    /**
     * PostgreSQL unreachable or failing: nothing was sent, the request may be retried. The pool's and the
     * driver's timeouts (application.yml) make this come within about a second of asking a frozen database;
     * a transaction that cannot begin is the same outage seen through the transaction manager.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> database(Exception e, HttpServletRequest request) {
        log.warn("database error on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return respond(databaseUnavailable(), request);
    }

    public static ApiProblem databaseUnavailable() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                "the service cannot reach its database; retry later");
    }

    /** Whether {@code e} is the database failing (or not answering), however it was wrapped. */
    public static boolean isDatabaseFailure(Throwable e) {
        return causedBy(e, DataAccessException.class) || causedBy(e, TransactionException.class)
                || causedBy(e, SQLException.class);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return respond(tooLarge("the request body exceeds the size limit"), request);
        }
        if (isDatabaseFailure(e)) {
            // a JDBC failure that reached us wrapped (by a library on the way), or untranslated
            return database(e, request);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the request could not be completed; it is safe to retry"), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(unreadable(ex), ((ServletWebRequest) request).getRequest());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        ApiProblem problem = UUID.class.equals(ex.getRequiredType())
                ? ApiProblem.badRequest("INVALID_ID", name + " must be a UUID")
                : ApiProblem.badRequest("INVALID_PARAMETER", name + " has the wrong type");
        return respond(problem.with("parameter", name), ((ServletWebRequest) request).getRequest());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(tooLarge("the upload exceeds the size limit"), ((ServletWebRequest) request).getRequest());
    }

    /** Every other MVC exception: Spring's status and detail, our shape and code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        String instance = ((ServletWebRequest) request).getRequest().getRequestURI();
        Map<String, Object> problem = body instanceof ProblemDetail detail
                ? Problems.body(detail, codeFor(ex, statusCode), instance)
                : Problems.body(statusCode, codeFor(ex, statusCode), null, instance, null);
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(Problems.PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(out).body(problem);
    }

    private static String codeFor(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case HttpRequestMethodNotSupportedException e -> "METHOD_NOT_ALLOWED";
            case HttpMediaTypeNotSupportedException e -> "UNSUPPORTED_MEDIA_TYPE";
            case HttpMediaTypeNotAcceptableException e -> "NOT_ACCEPTABLE";
            case MissingServletRequestPartException e -> "MISSING_FILE";
            case MissingRequestHeaderException e -> "MISSING_HEADER";
            case MissingServletRequestParameterException e -> "MISSING_PARAMETER";
            case NoHandlerFoundException e -> "NOT_FOUND";
            case NoResourceFoundException e -> "NOT_FOUND";
            default -> Problems.codeFor(status);
        };
    }

    private static ApiProblem unreadable(HttpMessageNotReadableException ex) {
        if (causedBy(ex, PayloadTooLargeException.class)) {
            return tooLarge("the request body exceeds the size limit");
        }
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return PROTECTED_FIELDS.contains(field)
                    ? new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "PROTECTED_FIELD",
                            "'" + field + "' cannot be set by a request").with("field", path(unknown))
                    : ApiProblem.badRequest("UNKNOWN_FIELD", "unknown field '" + field + "'")
                            .with("field", path(unknown));
        }
        if (cause instanceof ValueInstantiationException invalid) {
            Throwable root = invalid.getCause() != null ? invalid.getCause() : invalid;
            return ApiProblem.badRequest("INVALID_FIELD", root.getMessage()).with("field", path(invalid));
        }
        if (cause instanceof InputCoercionException coercion) {
            return ApiProblem.badRequest("INVALID_FIELD", "a number is out of range").with("field", path(coercion));
        }
        if (cause instanceof MismatchedInputException mismatch
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            return ApiProblem.badRequest("MALFORMED_JSON", "the body has content after its JSON value");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return ApiProblem.badRequest("INVALID_FIELD",
                            "'" + path(mismatch) + "' has the wrong type or is missing")
                    .with("field", path(mismatch));
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return ApiProblem.badRequest("MALFORMED_JSON", "the body is not valid JSON");
        }
        return ApiProblem.badRequest("MALFORMED_JSON", "the body is missing or cannot be read");
    }

    private static String path(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        return path.isEmpty() ? "(body)" : path;
    }

    private static ApiProblem tooLarge(String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", detail);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    ResponseEntity<Object> respond(ApiProblem problem, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status())
                .contentType(Problems.PROBLEM_JSON);
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(Problems.body(problem, request.getRequestURI()));
    }
}
