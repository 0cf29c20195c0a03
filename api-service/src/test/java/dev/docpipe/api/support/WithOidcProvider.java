package dev.docpipe.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An {@link ApiIntegrationTest} against the API as deployed in production: not the dev profile, so an
 * OAuth2 resource server for {@link TestIdentityProvider#shared()} (issuer discovery, audience). Every
 * class with it shares one Spring context, a second API instance beside the dev one (same broker,
 * database and consumer groups, as two instances behind a load balancer).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ActiveProfiles(value = "oidc", inheritProfiles = false)
@ContextConfiguration(initializers = TestIdentityProvider.Properties.class)
public @interface WithOidcProvider {}
