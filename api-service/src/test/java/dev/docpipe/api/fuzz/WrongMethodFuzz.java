package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Methods an endpoint does not have, on real and foreign targets alike. */
final class WrongMethodFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    WrongMethodFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = r.nextInt(12) == 0 ? Endpoint.DEV_ACCOUNTS : pick(r, Endpoint.DESIGN);
        b.category = "wrong-method";
        List<String> allowed = switch (e) {
            case UPLOAD, LIST -> List.of("GET", "POST", "HEAD", "OPTIONS");
            case GET -> List.of("GET", "HEAD", "DELETE", "OPTIONS"); // DELETE erases: not a wrong method
            case TEXT, COMMAND -> List.of("GET", "HEAD", "OPTIONS");
            case CONFIRM, RESCAN, VALIDATE, RETRY_OCR, DEV_ACCOUNTS -> List.of("POST", "OPTIONS");
            case REVIEW -> List.of("PATCH", "OPTIONS");
        };
        List<String> wrong = new ArrayList<>(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO",
                "get", "post", "Post", "PROPFIND", "MKCOL", "LOCK", "M-SEARCH", "X".repeat(100)));
        wrong.removeAll(allowed);
        b.method = pick(r, wrong);
        boolean real = e.documentScoped() && r.nextInt(3) == 0;
        b.target = real ? fixture.realTarget(e)
                : e == Endpoint.UPLOAD || e == Endpoint.LIST ? fixture.ownDocuments()
                : e == Endpoint.DEV_ACCOUNTS ? e.path(null, null, null) : fixture.foreignTarget(r, e);
        if (r.nextBoolean() && e.takesJson()) {
            b.json(JsonBodies.valid(r, e));
        }
        if (r.nextInt(15) == 0 && !real) { // OPTIONS answers with Allow: the only 2xx expected
            b.method = "OPTIONS";
            b.may2xx = true;
        }
    }
}
