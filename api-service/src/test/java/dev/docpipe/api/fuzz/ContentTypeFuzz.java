package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.utf8;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.Random;

/** Wrong, missing and odd Content-Type (and Accept) headers. */
final class ContentTypeFuzz implements FuzzFamily {
    private static final String[] WRONG_TYPES = {"text/plain", "text/plain;charset=UTF-8", "application/xml",
            "text/xml", "text/html", "application/octet-stream", "image/png", "application/pdf",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=zzz", "multipart/form-data",
            "application/javascript", "application/graphql", "application/x-java-serialized-object",
            "application/grpc"};
    private static final String[] ODD_TYPES = {"application/json;charset=ISO-8859-1",
            "application/json;charset=bogus-charset", "application/json;charset=", "application/json;charset=\"",
            "application/vnd.docpipe+json", "APPLICATION/JSON", "application/json, text/plain", "", ";",
            "application/", "/", "*/*", "application/*", "text/*", "application/json;;;", "application/json; q=0.1",
            "application/yaml", "application/x-yaml", "application/cbor", "application/x-jackson-smile",
            "application/x-ndjson", "application/json;charset=UTF-16", "application/json; boundary=--x",
            "application/json;charset=UTF-32", "a/b/c", "application/json\u00e9", "text/json"};
    private static final String[] ACCEPTS = {"application/xml", "text/html", "image/*", "*/*;q=0",
            "application/json;q=abc", "", "garbage", "text/plain", "application/problem+json", "*/*;q=2", "a/b/c",
            "application/json, */*;q=0.1", "application/json;charset=bogus", "text/event-stream",
            "application/x-ndjson", ",,,", "*/*;q=0.5, application/xml;q=1"};

    private final FuzzFixture fixture;

    ContentTypeFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        int kind = r.nextInt(10);
        if (kind < 4) { // JSON endpoints given something that is not JSON: refused even on a real document
            Endpoint e = pick(r, Endpoint.JSON_BODY);
            b.category = "content-type-wrong";
            b.method = e.method;
            b.target = r.nextInt(3) > 0 ? fixture.realTarget(e) : fixture.foreignTarget(r, e);
            b.body = utf8(JsonBodies.valid(r, e));
            if (r.nextInt(8) > 0) {
                b.header("Content-Type", pick(r, WRONG_TYPES));
            } // else: no Content-Type at all, with a body
        } else if (kind < 7) { // exotic JSON-ish types: not the caller's document, whatever they parse to
            Endpoint e = pick(r, Endpoint.JSON_BODY);
            b.category = "content-type-odd";
            b.method = e.method;
            b.target = fixture.foreignTarget(r, e);
            b.body = utf8(JsonBodies.valid(r, e));
            b.header("Content-Type", pick(r, ODD_TYPES));
        } else if (kind < 8) { // the upload endpoint given JSON, form data, a bare file
            b.category = "content-type-upload";
            b.method = "POST";
            b.target = fixture.uploadTarget(r);
            b.body = r.nextBoolean() ? utf8("{\"file\":\"JVBERi0xLjcK\"}") : RejectedFiles.any(r);
            String type = pick(r, new String[] {"application/json", "application/pdf", "image/png",
                    "application/octet-stream", "application/x-www-form-urlencoded", "text/plain"});
            if (r.nextInt(6) > 0) {
                b.header("Content-Type", type);
            }
        } else { // reads with odd Accept headers: must still answer errors as problem+json
            Endpoint e = pick(r, new Endpoint[] {Endpoint.GET, Endpoint.TEXT, Endpoint.LIST, Endpoint.COMMAND});
            b.category = "accept-odd";
            b.method = "GET";
            b.target = e == Endpoint.TEXT && r.nextBoolean() ? fixture.realTarget(e) // SCANNED: no text yet
                    : fixture.foreignTarget(r, e);
            b.header("Accept", pick(r, ACCEPTS));
        }
    }
}
