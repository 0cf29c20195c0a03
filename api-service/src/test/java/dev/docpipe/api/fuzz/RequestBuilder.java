package dev.docpipe.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A request under construction: families set fields in whatever order their random draws come. */
final class RequestBuilder {
    final int index;
    private final String token;
    String category;
    String method;
    String target;
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    FuzzRequest.Raw raw;
    boolean may2xx;
    /** Off for families that send their own (or a mangled) Authorization. */
    boolean auth = true;

    RequestBuilder(int index, String token) {
        this.index = index;
        this.token = token;
    }

    RequestBuilder header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    RequestBuilder json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    RequestBuilder json(byte[] bytes) {
        body = bytes;
        return header("Content-Type", "application/json");
    }

    FuzzRequest build() {
        List<String[]> all = new ArrayList<>();
        if (auth) {
            all.add(new String[] {"Authorization", "Bearer " + token});
        }
        all.addAll(headers);
        return new FuzzRequest(index, category, method, target, all, body, raw, may2xx);
    }
}
