package dev.docpipe.api.support;

import java.time.Instant;
import java.util.UUID;

/** Bearer tokens of one kind (the dev profile's HS256, or an OIDC provider's) for test callers. */
public interface TestTokens {
    /** A token the API accepts, for the account. */
    String issue(UUID account);

    /** Otherwise valid, with this lifetime (an expired token, say). */
    String issue(UUID account, Instant issuedAt, Instant expiresAt);

    /** Right claims, signed with a key the API does not trust. */
    String forged(UUID account);

    /** Right claims, {@code alg: none}. */
    String unsigned(UUID account);
}
