package dev.docpipe.api.problems;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page for requests it refuses before they reach the application (an illegal character
 * or bad escape in the request target, a request line or header over the size limit, a malformed
 * Host, Content-Length or chunk): problem+json like every other error, instead of Tomcat's HTML page.
 * The refused request is not echoed back (no {@code instance}).
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private final JsonMapper json;

    public ProblemErrorReportValve() {
        this(JsonMapper.builder().build());
    }

    public ProblemErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as the HTML valve: only errors, only once, only if nothing was written and I/O is still possible
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String detail = status == 400 ? "the request was rejected" : null;
        try {
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(Problems.body(code, Problems.codeFor(code), detail, null, null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written: nothing more to do
        }
    }
}
