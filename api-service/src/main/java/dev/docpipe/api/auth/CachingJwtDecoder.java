package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that were verified, so a client sending the same token on every request pays for
 * the signature check and claim validation once, not per request (about a tenth of the API's
 * request-handling samples in a profile of the HTTP benchmark). A token is only ever cached after the delegate accepted it, and only until its own
 * {@code exp} (at most {@link #MAX_AGE}): a cached token can never outlive what the delegate would
 * accept. Bounded in size; tokens that fail are never cached.
 */
public final class CachingJwtDecoder implements JwtDecoder {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final long DEFAULT_SIZE = 50_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder delegate, Clock clock, long maximumSize) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt)))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && stillValid(jwt)) {
            return jwt;
        }
        jwt = delegate.decode(token);
        if (!lifetime(jwt).isZero()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** How long the token may be served from the cache: until exp, and never more than MAX_AGE. */
    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return MAX_AGE;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }

    // The cache's own expiry runs on its ticker; this re-check ties a hit to the same clock as lifetime().
    private boolean stillValid(Jwt jwt) {
        return jwt.getExpiresAt() == null || clock.instant().isBefore(jwt.getExpiresAt());
    }
}
