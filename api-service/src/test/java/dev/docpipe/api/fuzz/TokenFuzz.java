package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.utf8;
import static dev.docpipe.api.fuzz.Randoms.pick;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/** Forged, truncated and mis-schemed bearer tokens. */
final class TokenFuzz implements FuzzFamily {
    private final FuzzFixture fixture;

    TokenFuzz(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public void fill(Random r, RequestBuilder b) {
        Endpoint e = pick(r, Endpoint.DESIGN);
        b.category = "token-mangled";
        b.method = e.method;
        boolean real = e.documentScoped() && r.nextBoolean();
        b.target = real ? fixture.realTarget(e) : fixture.foreignTarget(r, e);
        String token = fixture.token();
        String[] parts = token.split("\\.");
        // 8-10 only on foreign targets: a lenient but correct server may accept them (schemes are case-insensitive)
        String authorization = switch (r.nextInt(real ? 8 : 11)) {
            case 0 -> "Bearer " + token.substring(0, token.length() - 1 - r.nextInt(10));
            case 1 -> "Bearer " + parts[0] + "." + parts[1].substring(0, 5) + "A" + parts[1].substring(5) + "."
                    + parts[2];
            case 2 -> "Bearer " + parts[1] + "." + parts[0] + "." + parts[2];
            case 3 -> "Bearer  " + token;
            case 4 -> "Basic " + Base64.getEncoder().encodeToString(utf8("user:" + token));
            case 5 -> "Bearer " + token.replace('.', ',');
            case 6 -> "Token " + token;
            case 7 -> "Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    utf8("{\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"docpipe\",\"exp\":9999999999}")) + "."
                    + parts[2];
            case 8 -> "bearer " + token;
            case 9 -> "Bearer " + token + " " + token;
            default -> "Bearer " + HexFormat.of().formatHex(utf8(token));
        };
        b.auth = false;
        b.header("Authorization", authorization);
        if (e == Endpoint.UPLOAD) {
            MultipartBodies.rejectedUpload(r, b);
        } else if (e == Endpoint.REVIEW) {
            b.json(JsonBodies.valid(r, e));
        }
    }
}
