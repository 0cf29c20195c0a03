package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.Random;

/** Idempotency-Key values outside 1-255 visible ASCII; legal-but-odd ones only on foreign targets. */
final class IdempotencyKeyFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    IdempotencyKeyFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = pick(r, Endpoint.COMMANDS);
        b.method = e.method;
        boolean strict = r.nextInt(3) > 0;
        // built per request: the overlong key's length is a draw
        String[] strictKeys = {"k".repeat(256 + r.nextInt(5_000)), "a b", "a\tb", "clé", "\u00ff\u00fe",
                "日本語", "a\u0001b", "a\u007fb", "emoji😀", "x".repeat(255) + " y", "a\u0000b", "a\u00a0b"};
        String[] oddKeys = {"", " ", " abc ", "../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "%00",
                "\"\\'", "k".repeat(255), "!", "--", "NULL", "1;DROP/**/TABLE/**/idempotency_keys", "a,b"};
        b.category = strict ? "idempotency-key-invalid" : "idempotency-key-odd";
        if (e == Endpoint.UPLOAD) {
            b.target = strict ? fixture.ownDocuments() : fixture.uploadTarget(r);
            MultipartBodies.rejectedUpload(r, b);
        } else {
            b.target = strict && r.nextBoolean() ? fixture.realTarget(e) : fixture.foreignTarget(r, e);
            if (e == Endpoint.REVIEW || r.nextBoolean() && e != Endpoint.CONFIRM) {
                b.json(JsonBodies.valid(r, e));
            }
        }
        String key = strict ? pick(r, strictKeys) : pick(r, oddKeys);
        b.header(r.nextInt(10) == 0 && !strict ? "idempotency-key" : "Idempotency-Key", key);
        if (r.nextInt(8) == 0) {
            b.header("Idempotency-Key", strict ? pick(r, strictKeys) : "second-" + r.nextInt(1000));
        }
    }
}
