package dev.docpipe.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class OperatorRoleTest {
    private final OperatorRole scope = new OperatorRole("scope", "docpipe.operator");

    @Test
    void aScopeStringOrAListOfRolesGrantsTheOperatorRole() {
        assertThat(scope.grantedTo(jwt(Map.of("scope", "openid docpipe.operator profile")))).isTrue();
        assertThat(new OperatorRole("roles", "docpipe.operator")
                .grantedTo(jwt(Map.of("roles", List.of("family", "docpipe.operator"))))).isTrue();
    }

    @Test
    void aFamilysTokenOrALookalikeDoesNot() {
        assertThat(scope.grantedTo(jwt(Map.of()))).isFalse();
        assertThat(scope.grantedTo(jwt(Map.of("scope", "openid profile")))).isFalse();
        assertThat(scope.grantedTo(jwt(Map.of("scope", "docpipe.operators")))).isFalse();
        assertThat(scope.grantedTo(jwt(Map.of("roles", List.of("docpipe.operator"))))).isFalse();
    }

    @Test
    void theConverterAddsRoleOperatorBesideTheScopes() {
        var authentication = scope.authenticationConverter().convert(jwt(Map.of("scope", "docpipe.operator")));
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("SCOPE_docpipe.operator", OperatorRole.AUTHORITY);
        assertThat(scope.authenticationConverter().convert(jwt(Map.of("scope", "openid"))).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).doesNotContain(OperatorRole.AUTHORITY);
    }

    @Test
    void aTraceLinkNeedsATemplateAndATraceId() {
        OpsProperties withTemplate = properties("https://grafana.example/explore?traceId={traceId}");
        assertThat(withTemplate.traceLink("4bf92f3577b34da6a3ce929d0e0e4736"))
                .isEqualTo("https://grafana.example/explore?traceId=4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(withTemplate.traceLink(null)).isNull();
        assertThat(properties("").traceLink("4bf92f3577b34da6a3ce929d0e0e4736")).isNull();
    }

    private static OpsProperties properties(String traceUrl) {
        return new OpsProperties(traceUrl, java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(15),
                "docpipe-pipeline", 1000, java.time.Duration.ofSeconds(5), 100, java.time.Duration.ofSeconds(1));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
