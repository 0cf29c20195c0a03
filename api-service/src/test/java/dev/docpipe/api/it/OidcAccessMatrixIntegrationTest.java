package dev.docpipe.api.it;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.docpipe.api.support.OidcTestTokens;
import dev.docpipe.api.support.TestIdentityProvider;
import dev.docpipe.api.support.WithOidcProvider;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The access matrix with the tokens of production: an OIDC provider's RS256 tokens against the API
 * outside the dev profile, plus what only such tokens can get wrong — another issuer, another
 * audience, HS256 "signed" with the provider's public key — and a stranger whose ES256 token is valid
 * (so 404, not 401).
 */
@WithOidcProvider
class OidcAccessMatrixIntegrationTest extends AccessMatrixIntegrationTest {

    @Override
    protected List<Column> moreColumns(Family stranger) {
        TestIdentityProvider provider = TestIdentityProvider.shared();
        String subject = accountId.toString();
        JWTClaimsSet valid = provider.validClaims(subject).build();
        return List.of(
                new Column("wrong issuer", List.of("Bearer " + TestIdentityProvider.sign(provider.rsaKey(),
                        provider.validClaims(subject).issuer("https://evil.example/realms/docpipe").build())),
                        Scope.A_PATHS, 401, Set.of("INVALID_TOKEN")),
                new Column("wrong audience", List.of(
                        "Bearer " + TestIdentityProvider.sign(provider.rsaKey(),
                                provider.validClaims(subject).audience("another-app").build()),
                        "Bearer " + TestIdentityProvider.sign(provider.ecKey(),
                                provider.validClaims(subject).audience((String) null).build())),
                        Scope.A_PATHS, 401, Set.of("INVALID_TOKEN")),
                new Column("HS256 with RSA public key", List.of("Bearer " + provider.hs256WithPublicKey(valid)),
                        Scope.A_PATHS, 401, Set.of("INVALID_TOKEN")),
                new Column("other account ES256", List.of("Bearer " + new OidcTestTokens(provider, provider.ecKey())
                        .issue(stranger.accountId())), Scope.A_PATHS, 404,
                        Set.of("CHILD_NOT_FOUND", "COMMAND_NOT_FOUND")),
                new Column("unknown subject", List.of("Bearer " + TestIdentityProvider.sign(provider.ecKey(),
                        provider.validClaims("google-oauth2|" + UUID.randomUUID()).build())), Scope.A_PATHS, 404,
                        Set.of("CHILD_NOT_FOUND", "COMMAND_NOT_FOUND")));
    }
}
