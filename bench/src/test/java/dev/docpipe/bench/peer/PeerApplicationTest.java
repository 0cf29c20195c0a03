package dev.docpipe.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.auth.TokenIssuer;
import dev.docpipe.bench.confirm.JobTally;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.localinfra.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The peer app of {@code bench peer} starts with api-service's security chain and filters as they are now, and
 * serves one confirm-scan through HTTP as the benchmark sends it: a change in api-service that the peer's
 * imports no longer satisfy (a bean the security chain needs, a renamed filter) fails here, not in a benchmark
 * run. In the test's JVM, on the embedded broker and PostgreSQL; {@link CrashRunTest} starts it as its own JVM.
 */
class PeerApplicationTest {
    private static final String SECRET = "peer-application-test-secret-0123456789abcdef";

    private static PeerDatabase db;
    private static ConfigurableApplicationContext peer;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Quiet.logging();
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Kafka.ensureTopic(bootstrap, PeerRelay.TOPIC);
        db = PeerDatabase.create();
        // Spring Boot would reconfigure this JVM's logging, which the other bench tests keep quiet (Quiet).
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            peer = PeerApplication.start("--server.port=0", "--server.address=127.0.0.1",
                    "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--docpipe.auth.jwt-secret=" + SECRET);
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
        base = "http://127.0.0.1:" + peer.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aConfirmIsQueuedOnceThroughTheOutboxAndRelayedToKafka() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        db.insert(List.of(document), child, owner, "SCANNED");
        String token = peer.getBean(TokenIssuer.class).issue(owner);
        URI confirm = URI.create(base + "/api/v1/children/" + child + "/documents/" + document + "/confirm-scan");

        try (JobTally jobs = new JobTally(KafkaBroker.shared().bootstrapServers(), PeerRelay.TOPIC, Set.of(document));
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> first = post(http, confirm, token);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(first.body()).contains("\"status\":\"ACCEPTED\"", "\"state\":\"OCR_PENDING\"");
            HttpResponse<String> again = post(http, confirm, token);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(again.body()).contains("\"reason\":\"ALREADY_CONFIRMED\"");

            assertThat(db.count("SELECT count(*) FROM outbox WHERE document_id = '" + document + "'")).isEqualTo(1);
            jobs.await(Duration.ofSeconds(30), Duration.ofMillis(300));
            assertThat(jobs.documentsWithJob()).as("the relay published the OCR job").isEqualTo(1);
            assertThat(jobs.records()).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isZero();
        }
    }

    @Test
    void api_servicesSecurityChainAndProblemHandlerAnswer() throws Exception {
        UUID child = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        URI confirm = URI.create(base + "/api/v1/children/" + child + "/documents/" + document + "/confirm-scan");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(confirm)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            HttpResponse<String> unknown = post(http, confirm, peer.getBean(TokenIssuer.class).issue(UUID.randomUUID()));
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(unknown.body()).contains("DOCUMENT_NOT_FOUND");
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
