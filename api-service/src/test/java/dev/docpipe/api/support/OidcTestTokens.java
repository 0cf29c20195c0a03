package dev.docpipe.api.support;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** An OIDC provider's tokens ({@link TestIdentityProvider}), signed with one of its keys (RS256 or ES256). */
public final class OidcTestTokens implements TestTokens {
    private final TestIdentityProvider provider;
    private final JWK key;

    public OidcTestTokens(TestIdentityProvider provider, JWK key) {
        this.provider = provider;
        this.key = key;
    }

    @Override
    public String issue(UUID account) {
        return TestIdentityProvider.sign(key, provider.validClaims(account.toString()).build());
    }

    @Override
    public String issue(UUID account, Instant issuedAt, Instant expiresAt) {
        return TestIdentityProvider.sign(key, provider.validClaims(account.toString())
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build());
    }

    @Override
    public String forged(UUID account) {
        // the same kid as the provider's key, another key pair: only the signature is wrong
        JWK other = key.getKeyType().getValue().equals("RSA") ? TestIdentityProvider.newRsaKey(key.getKeyID())
                : TestIdentityProvider.newEcKey(key.getKeyID());
        return TestIdentityProvider.sign(other, provider.validClaims(account.toString()).build());
    }

    @Override
    public String unsigned(UUID account) {
        return TestIdentityProvider.unsigned(provider.validClaims(account.toString()).build());
    }
}
