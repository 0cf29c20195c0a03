package dev.docpipe.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs tokens for accounts (the dev endpoint, tests, the benchmark). */
public final class TokenIssuer {
    public static final String ISSUER = "docpipe";

    private final JwtEncoder encoder;
    private final Duration ttl;

    public TokenIssuer(JwtEncoder encoder, Duration ttl) {
        this.encoder = encoder;
        this.ttl = ttl;
    }

    public String issue(UUID accountId) {
        return issue(accountId, Map.of());
    }

    /** With more claims, e.g. the operator role of a console token. */
    public String issue(UUID accountId, Map<String, Object> claims) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(accountId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl));
        claims.forEach(builder::claim);
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, builder.build())).getTokenValue();
    }
}
