package dev.docpipe.api.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.SecurityContext;
import dev.docpipe.api.config.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Bearer tokens are HS256 JWTs signed with {@code docpipe.auth.jwt-secret}; {@code sub} is the account id.
 * Verified tokens are remembered until they expire ({@link CachingJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
public class JwtConfig {

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return new CachingJwtDecoder(
                NimbusJwtDecoder.withSecretKey(key(properties)).macAlgorithm(MacAlgorithm.HS256).build(),
                Clock.systemUTC(), 50_000);
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
        return new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
