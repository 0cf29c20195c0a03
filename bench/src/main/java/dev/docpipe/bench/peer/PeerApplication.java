package dev.docpipe.bench.peer;

import dev.docpipe.api.auth.DevTokenConfig;
import dev.docpipe.api.auth.SecurityConfig;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.config.AuthProperties;
import dev.docpipe.api.ops.OperatorRole;
import dev.docpipe.api.problems.ProblemErrorController;
import dev.docpipe.api.problems.ProblemHandler;
import dev.docpipe.api.web.JsonBodyLimitFilter;
import dev.docpipe.api.web.QueryStringFilter;
import dev.docpipe.api.web.StrictIdConversion;
import dev.docpipe.api.web.Utf8RequestBodyAdvice;
import dev.docpipe.api.web.WildcardContentTypeFilter;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The peer of docpipe's confirm-scan for {@code bench peer}: the guarded UPDATE + transactional outbox
 * ({@link GuardedConfirm}, relayed to Kafka by {@link PeerRelay}) behind the same HTTP layer as api-service.
 * The same Spring Boot server with api-service's Tomcat, thread and JSON settings ({@code peer.yml}), and
 * api-service's own security chain and dev-token decoder, problem+json handler, id conversion and request
 * filters, imported rather than copied so that both sides pay for the same code. Runs in a JVM of its own
 * ({@link PeerProcess}) so that the crash variant can kill it with {@code kill -9}.
 */
@SpringBootApplication
@EnableConfigurationProperties({ApiProperties.class, AuthProperties.class, OperatorRole.class})
@Import({SecurityConfig.class, DevTokenConfig.class, ProblemHandler.class, ProblemErrorController.class,
        StrictIdConversion.class, QueryStringFilter.class, WildcardContentTypeFilter.class, JsonBodyLimitFilter.class,
        Utf8RequestBodyAdvice.class})
public class PeerApplication {
    public static void main(String[] args) {
        start(args);
    }

    /** As {@link PeerProcess} starts it, also for a test that runs it in the test's JVM. */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(PeerApplication.class);
        // peer.yml, not an application.yml: the flat bench classpath holds the services' own application.yml
        application.setDefaultProperties(Map.of("spring.config.name", "peer", "spring.profiles.active", "dev"));
        return application.run(args);
    }
}
