package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.Random;

/** Truncated, mistyped, deeply nested, huge, duplicated, unknown-field and non-UTF-8 JSON bodies. */
final class JsonBodyFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    JsonBodyFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = r.nextInt(10) == 0 ? pick(r, new Endpoint[] {Endpoint.CONFIRM, Endpoint.UPLOAD,
                Endpoint.GET, Endpoint.LIST, Endpoint.TEXT, Endpoint.COMMAND}) : pick(r, Endpoint.JSON_BODY);
        b.method = e.method;
        if (!e.takesJson()) {
            // endpoints that take no JSON: a JSON body changes nothing, and the target is not the caller's
            b.category = "json-elsewhere";
            b.target = fixture.foreignTarget(r, e);
            b.json(InvalidJsonBodies.any(r, pick(r, Endpoint.JSON_BODY)));
            return;
        }
        int where = r.nextInt(20);
        if (where < 2) {
            b.category = "json-ambiguous";
            b.target = fixture.foreignTarget(r, e);
            b.json(JsonBodies.ambiguous(r, e));
        } else {
            b.category = "json-malformed";
            b.target = where < 9 ? fixture.realTarget(e) : fixture.foreignTarget(r, e);
            b.json(InvalidJsonBodies.any(r, e));
        }
        if (r.nextInt(5) == 0) { // JSON-compatible types must not open a way around the body checks
            b.headers.removeIf(h -> h[0].equals("Content-Type"));
            b.header("Content-Type", pick(r, new String[] {"application/json;charset=UTF-8",
                    "application/problem+json", "application/merge-patch+json", "application/json; charset=utf-8"}));
        }
    }
}
