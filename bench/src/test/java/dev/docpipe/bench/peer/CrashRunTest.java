package dev.docpipe.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.sun.net.httpserver.HttpServer;
import dev.docpipe.api.auth.TokenIssuer;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.localinfra.KafkaBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The crash variant of {@code bench peer} ends, and says what it found: the peer's own JVM ({@link PeerProcess},
 * as the benchmark starts it) killed with {@code kill -9} mid-run and restarted, every request answered, every
 * acknowledged document with its OCR job; and a server that does not come back ends the run with an error
 * at once instead of clients re-sending forever. (docpipe's side restarts api-service's jar, which this module's
 * tests do not build; the benchmark runs it.)
 */
class CrashRunTest {
    private static final String SECRET = "crash-run-test-secret-0123456789abcdef-0123456789";

    @BeforeAll
    static void topic() {
        Quiet.logging();
        Kafka.ensureTopic(bootstrap(), PeerRelay.TOPIC);
    }

    @Test
    @Timeout(240)
    void thePeerKilledMidRunComesBackAndNoAcknowledgedDocumentLosesItsJob() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        String token = new TokenIssuer(new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))), Duration.ofHours(1))
                .issue(owner);
        try (PeerDatabase db = PeerDatabase.create();
                PeerProcess peer = PeerProcess.start(bootstrap(), db, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                        "--docpipe.auth.jwt-secret=" + SECRET)) {
            long killed = peer.pid();
            PeerSide side = new PeerSide(peer, db, new ApiProcess.Account(token, owner.toString(), child));

            CrashRun.Result result = CrashRun.run(bootstrap(), side, 30, 2, 4, Duration.ofSeconds(120));

            assertThat(peer.pid()).as("a new JVM serves").isNotEqualTo(killed);
            assertThat(result.requests()).isEqualTo(60);
            assertThat(result.statuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
            assertThat(result.statuses().keySet()).as("every request answered 202 or 200").containsAnyOf(202)
                    .allSatisfy(status -> assertThat(status).isIn(200, 202));
            assertThat(result.unanswered()).isZero();
            assertThat(result.downSeconds()).isPositive();
            assertThat(result.lost()).isZero();
            assertThat(result.jobs() - result.duplicates()).as("documents with a job").isEqualTo(30);
            assertThat(db.count("SELECT count(*) FROM outbox")).as("the guarded UPDATE queues one job per document")
                    .isEqualTo(30);
        }
    }

    @Test
    @Timeout(60)
    void aServerThatDoesNotComeBackEndsTheRunWithAnError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        Side side = new Side() {
            @Override
            public String name() {
                return "never back";
            }

            @Override
            public int port() {
                return server.getAddress().getPort();
            }

            @Override
            public String token() {
                return "unused";
            }

            @Override
            public Set<Long> servingPids() {
                return Set.of();
            }

            @Override
            public String jobTopic() {
                return PeerRelay.TOPIC;
            }

            @Override
            public List<String> scannedDocuments(int count) {
                return IntStream.range(0, count).mapToObj(i -> "/api/v1/children/" + UUID.randomUUID()
                        + "/documents/" + UUID.randomUUID()).toList();
            }

            @Override
            public void kill9() {
                server.stop(0);
            }

            @Override
            public void restart(Duration within) {
                throw new IllegalStateException("no log line containing 'Started' within " + within);
            }
        };

        assertThatThrownBy(() -> CrashRun.run(bootstrap(), side, 30, 2, 4, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never back: the server did not come back from kill -9 (restart allowed 1 s)")
                .hasMessageContaining("no log line containing 'Started' within PT1S");
    }

    private static String bootstrap() {
        return KafkaBroker.shared().bootstrapServers();
    }
}
