package dev.docpipe.api.web;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.problems.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds {@link HttpReply}s with the application's JSON mapper. */
@Component
public class Replies {
    private final JsonMapper json;

    public Replies(JsonMapper json) {
        this.json = json;
    }

    public HttpReply json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        return new HttpReply(status, all, json.writeValueAsBytes(body));
    }

    public HttpReply problem(ApiProblem problem, String instance, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(HttpHeaders.CONTENT_TYPE, Problems.PROBLEM_JSON.toString());
        return new HttpReply(problem.status().value(), all, json.writeValueAsBytes(Problems.body(problem, instance)));
    }

    public byte[] bytes(Object value) {
        return json.writeValueAsBytes(value);
    }
}
