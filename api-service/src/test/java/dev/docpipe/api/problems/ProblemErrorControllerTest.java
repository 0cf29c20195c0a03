package dev.docpipe.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.config.ApiProperties;
import jakarta.servlet.RequestDispatcher;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/** Errors raised outside Spring MVC (in a filter) get the same problems as the handler's. */
class ProblemErrorControllerTest {
    private final ProblemErrorController controller = new ProblemErrorController(new ApiProperties(
            Duration.ofSeconds(3), DataSize.ofMegabytes(20), DataSize.ofKilobytes(256), Duration.ofHours(24), 100,
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)));

    @Test
    void aFilterThatCouldNotReachTheDatabaseIsA503WithRetryAfter() {
        MockHttpServletRequest request = errorRequest(500, new IllegalStateException("authentication failed",
                new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timed out"))));

        ResponseEntity<Map<String, Object>> response = controller.error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody()).containsEntry("code", "DATABASE_UNAVAILABLE")
                .containsEntry("instance", "/api/v1/children");
    }

    @Test
    void otherFailuresKeepTheirStatusAndGetNoRetryAfter() {
        MockHttpServletRequest request = errorRequest(500, new IllegalStateException("boom"));

        ResponseEntity<Map<String, Object>> response = controller.error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().containsHeader("Retry-After")).isFalse();
        assertThat(response.getBody()).containsEntry("code", "INTERNAL_ERROR");
    }

    private static MockHttpServletRequest errorRequest(int status, Throwable exception) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/children");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
        return request;
    }
}
