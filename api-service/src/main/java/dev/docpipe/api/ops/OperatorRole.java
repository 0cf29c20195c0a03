package dev.docpipe.api.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Who is an operator: a token whose {@code operator-claim} (default {@code scope}) contains {@code operator-role}
 * (default {@code docpipe.operator}); the claim may be a space-separated string (OAuth2 scopes) or a list (roles,
 * groups). Such a token gets the authority {@code ROLE_OPERATOR}, which every {@code /ops} path requires. A family's
 * token never carries it.
 */
@ConfigurationProperties("docpipe.auth")
public record OperatorRole(
        @DefaultValue("scope") String operatorClaim,
        @DefaultValue("docpipe.operator") String operatorRole) {
    public static final String AUTHORITY = "ROLE_OPERATOR";
    public static final String ROLE = "OPERATOR";

    public boolean grantedTo(Jwt jwt) {
        Object claim = jwt.getClaims().get(operatorClaim);
        if (claim instanceof String s) {
            return List.of(s.strip().split("\\s+")).contains(operatorRole);
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> operatorRole.equals(String.valueOf(v)));
        }
        return false;
    }

    /** Spring's usual scope authorities, plus {@link #AUTHORITY} for an operator's token. */
    public JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        Converter<Jwt, Collection<GrantedAuthority>> authorities = jwt -> {
            List<GrantedAuthority> granted = new ArrayList<>(scopes.convert(jwt));
            if (grantedTo(jwt)) {
                granted.add(new SimpleGrantedAuthority(AUTHORITY));
            }
            return granted;
        };
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
