package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Outside the dev profile there is no account endpoint, and the JWT secret must come from configuration. */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "docpipe.auth.jwt-secret=a-production-like-secret-of-at-least-32-bytes!",
            // a second instance in this JVM: keep its listeners out of the shared consumer groups
            "spring.kafka.listener.auto-startup=false"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WithoutDevProfileIntegrationTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack stack = TestStack.get();
        registry.add("spring.kafka.bootstrap-servers", () -> stack.bootstrapServers);
        registry.add("spring.datasource.url", () -> stack.jdbcUrl);
        registry.add("spring.datasource.username", () -> stack.dbUser);
        registry.add("spring.datasource.password", () -> stack.dbPassword);
        registry.add("docpipe.blob.dir", () -> stack.blobDir.toString());
    }

    @Test
    void devAccountsDoNotExist() {
        HttpApi.Response r = new HttpApi("http://127.0.0.1:" + port, null).post("/api/v1/dev/accounts", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void everythingElseStillNeedsAToken() {
        HttpApi.Response r = new HttpApi("http://127.0.0.1:" + port, null).get("/api/v1/commands/"
                + java.util.UUID.randomUUID());
        assertThat(r.status()).isEqualTo(401);
    }
}
