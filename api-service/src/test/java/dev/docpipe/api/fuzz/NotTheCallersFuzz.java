package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.MultipartBodies.filePart;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Well-formed requests with a valid token for documents, children and commands that are not the caller's. */
final class NotTheCallersFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    NotTheCallersFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = pick(r, Endpoint.DESIGN);
        b.category = "not-the-callers";
        b.method = e.method;
        b.target = fixture.foreignTarget(r, e);
        switch (e) {
            case UPLOAD -> { // a perfectly good PDF, for a child that is not the caller's
                String boundary = "fuzz" + r.nextInt(1_000_000);
                byte[] pdf = ("%PDF-1.7\n% " + r.nextLong() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                b.body = MultipartBodies.body(boundary, List.of(filePart(r, "file", pdf)), true);
                b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            }
            case REVIEW -> b.json(JsonBodies.valid(r, e));
            case RESCAN, VALIDATE, RETRY_OCR -> {
                if (r.nextBoolean()) {
                    b.json(JsonBodies.valid(r, e));
                }
            }
            default -> { }
        }
        // the only family sending an acceptable file: it must never reach the caller's own child
        if (e == Endpoint.UPLOAD && b.target.equals(fixture.ownDocuments())) {
            throw new IllegalStateException("generator bug: a valid upload to the caller's child");
        }
        if (r.nextInt(4) == 0 && e != Endpoint.LIST && e != Endpoint.GET && e != Endpoint.TEXT
                && e != Endpoint.COMMAND) {
            b.header("Idempotency-Key", "fuzz-" + b.index);
        }
        if (r.nextInt(10) == 0 && (e == Endpoint.GET || e == Endpoint.TEXT || e == Endpoint.COMMAND)) {
            b.method = "HEAD";
        }
    }
}
