package dev.docpipe.api.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.auth.*}.
 *
 * @param jwtSecret the HMAC-SHA256 key bearer tokens are signed with (at least 32 bytes)
 * @param tokenTtl lifetime of tokens this service issues (dev accounts)
 */
@ConfigurationProperties("docpipe.auth")
public record AuthProperties(String jwtSecret, @DefaultValue("12h") Duration tokenTtl) {
    public AuthProperties {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "docpipe.auth.jwt-secret (DOCPIPE_JWT_SECRET) must be set to at least 32 bytes");
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=<hidden>, tokenTtl=" + tokenTtl + "]";
    }
}
