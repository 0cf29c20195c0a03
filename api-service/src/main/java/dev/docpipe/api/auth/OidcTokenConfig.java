package dev.docpipe.api.auth;

import dev.docpipe.api.config.AuthProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Every profile but dev: the API is an OAuth2 resource server for one OIDC provider
 * ({@code docpipe.auth.issuer-uri} / {@code jwk-set-uri}, {@code audience}); see {@link OidcJwtDecoders}.
 * Without a provider configured the start-up fails. Verified tokens are remembered until they expire
 * ({@link CachingJwtDecoder}), as in dev.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!dev")
public class OidcTokenConfig {

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return new CachingJwtDecoder(OidcJwtDecoders.create(properties.oidc()), Clock.systemUTC(),
                CachingJwtDecoder.DEFAULT_SIZE);
    }
}
