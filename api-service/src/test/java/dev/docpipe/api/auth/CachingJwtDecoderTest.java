package dev.docpipe.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** Accepts the tokens it was given (until their exp on the same clock) and counts its calls. */
    private static final class Verifier implements JwtDecoder {
        final Map<String, Jwt> valid = new HashMap<>();
        final MutableClock clock;
        int calls;

        Verifier(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public Jwt decode(String token) {
            calls++;
            Jwt jwt = valid.get(token);
            if (jwt == null || (jwt.getExpiresAt() != null && !clock.instant().isBefore(jwt.getExpiresAt()))) {
                throw new BadJwtException("rejected");
            }
            return jwt;
        }

        Jwt accept(String token, Instant expiresAt) {
            Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256").subject("acct").issuedAt(T0)
                    .expiresAt(expiresAt).build();
            valid.put(token, jwt);
            return jwt;
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final Verifier verifier = new Verifier(clock);
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, clock, 100);

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        Jwt jwt = verifier.accept("good", T0.plus(Duration.ofHours(1)));

        assertThat(decoder.decode("good")).isSameAs(jwt);
        assertThat(decoder.decode("good")).isSameAs(jwt);
        clock.now = T0.plusSeconds(60);
        assertThat(decoder.decode("good")).isSameAs(jwt);

        assertThat(verifier.calls).isEqualTo(1);
    }

    @Test
    void anExpiredTokenGoesBackToTheVerifierAndIsRefused() {
        verifier.accept("short", T0.plusSeconds(30));
        decoder.decode("short");

        clock.now = T0.plusSeconds(30);

        assertThatThrownBy(() -> decoder.decode("short")).isInstanceOf(BadJwtException.class);
        assertThat(verifier.calls).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifier.calls).isEqualTo(2);
    }

    @Test
    void differentTokensAreVerifiedSeparately() {
        verifier.accept("a", T0.plusSeconds(3600));

        decoder.decode("a");

        assertThatThrownBy(() -> decoder.decode("a" + "x")).isInstanceOf(BadJwtException.class);
        assertThat(verifier.calls).isEqualTo(2);
    }
}
