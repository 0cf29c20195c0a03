package dev.docpipe.api.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.SecurityContext;
import dev.docpipe.api.config.AuthProperties;
import java.time.Clock;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Dev profile only: bearer tokens are HS256 JWTs signed with {@code docpipe.auth.jwt-secret}, issued by
 * this service itself ({@link TokenIssuer}, for {@code POST /api/v1/dev/accounts}); {@code sub} is the
 * account id. Every other profile accepts only an OIDC provider's tokens ({@link OidcTokenConfig}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("dev")
public class DevTokenConfig {

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return new CachingJwtDecoder(
                NimbusJwtDecoder.withSecretKey(key(properties)).macAlgorithm(MacAlgorithm.HS256).build(),
                Clock.systemUTC(), CachingJwtDecoder.DEFAULT_SIZE);
    }

    @Bean
    JwtEncoder jwtEncoder(AuthProperties properties) {
        return new NimbusJwtEncoder(new ImmutableSecret<SecurityContext>(key(properties)));
    }

    @Bean
    TokenIssuer tokenIssuer(JwtEncoder encoder, AuthProperties properties) {
        return new TokenIssuer(encoder, properties.tokenTtl());
    }

    private static SecretKey key(AuthProperties properties) {
        return new SecretKeySpec(properties.devSecret(), "HmacSHA256");
    }
}
