package dev.docpipe.api.support;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.SecurityContext;
import dev.docpipe.api.auth.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The dev profile's tokens: HS256 with the API's own secret (its {@link JwtEncoder}), issuer "docpipe". */
public final class DevTestTokens implements TestTokens {
    private static final JwtEncoder OTHER_KEY = new NimbusJwtEncoder(new ImmutableSecret<SecurityContext>(
            new SecretKeySpec("not-the-docpipe-key-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256")));

    private final JwtEncoder encoder;

    public DevTestTokens(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public String issue(UUID account) {
        Instant now = Instant.now();
        return issue(account, now, now.plus(Duration.ofHours(1)));
    }

    @Override
    public String issue(UUID account, Instant issuedAt, Instant expiresAt) {
        return jwt(encoder, account, issuedAt, expiresAt);
    }

    @Override
    public String forged(UUID account) {
        Instant now = Instant.now();
        return jwt(OTHER_KEY, account, now, now.plus(Duration.ofHours(1)));
    }

    @Override
    public String unsigned(UUID account) {
        Instant now = Instant.now();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + TokenIssuer.ISSUER + "\",\"sub\":\"" + account
                + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static String jwt(JwtEncoder encoder, UUID subject, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(TokenIssuer.ISSUER)
                .subject(subject.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
