package dev.docpipe.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.cli.Cli;
import dev.docpipe.kafkaconfig.KafkaSecurity;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.localinfra.StandaloneKafka;
import dev.docpipe.localinfra.StandaloneKafka.ScramListener;
import dev.docpipe.pipeline.app.PipelineApplication;
import dev.docpipe.workers.WorkersApplication;
import dev.docpipe.workers.testdocs.TestDocuments;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, secured Kafka: a broker whose clients must log in with SASL/SCRAM-SHA-512, and every docpipe
 * client given the same DOCPIPE_KAFKA_* settings: pipeline-streams, the API and the workers (their real
 * Spring contexts, as deployed) and {@code docpipe audit}. One PDF goes from upload through scan, confirmation and text
 * extraction; the CLI without credentials, or with a wrong password, exits 2 saying that authentication is
 * the problem.
 */
class SecuredKafkaIntegrationTest {
    private static final String USER = "docpipe";
    private static final String PASSWORD = "scram-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    @TempDir
    Path dir;

    @Test
    void everyClientWorksThroughSaslScramAndOneWithoutCredentialsIsRefused() throws Exception {
        try (StandaloneKafka kafka = StandaloneKafka.start(Files.createDirectories(dir.resolve("kafka")), LoopbackPorts.anyFree(),
                new ScramListener(LoopbackPorts.anyFree(), USER, PASSWORD))) {
            String sasl = kafka.saslBootstrapServers().orElseThrow();
            KafkaSecurity security = KafkaSecurity.fromEnvironment(java.util.Map.of(
                    KafkaSecurity.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                    KafkaSecurity.SASL_USERNAME, USER,
                    KafkaSecurity.SASL_PASSWORD, PASSWORD)::get);
            PostgresDatabase postgres = PostgresDatabase.shared();
            String dbUrl = postgres.createDatabase("secured_" + UUID.randomUUID().toString().substring(0, 8));

            try (ConfigurableApplicationContext pipeline = startPipeline(sasl, security);
                    ConfigurableApplicationContext api = startApi(sasl, security, dbUrl, postgres);
                    ConfigurableApplicationContext worker = startWorker(sasl, security)) {
                String base = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
                JsonNode account = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/dev/accounts"))
                        .POST(HttpRequest.BodyPublishers.noBody()), 201));
                String token = account.path("token").asString();
                String documents = base + "/api/v1/children/" + account.path("childId").asString() + "/documents";

                JsonNode uploaded = JSON.readTree(send(upload(documents, token), 202));
                String document = documents + "/" + uploaded.path("documentId").asString();
                awaitState(document, token, "SCANNED");
                send(HttpRequest.newBuilder(URI.create(document + "/confirm-scan")).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()), 202);
                awaitState(document, token, "EXTRACTED");
            }

            Path passwordFile = Files.writeString(dir.resolve("kafka-password"), PASSWORD + "\n");
            Cli.Run audit = Cli.exec("audit", "--bootstrap-servers", sasl, "--kafka-security-protocol", "SASL_PLAINTEXT",
                    "--kafka-sasl-username", USER, "--kafka-sasl-password-file", passwordFile.toString(),
                    "--db-url", dbUrl, "--db-user", postgres.username(), "--db-password", postgres.password(),
                    "--no-progress");
            assertThat(audit.exitCode()).as(audit.toString()).isZero();
            assertThat(audit.out()).contains("PASSED");

            Cli.Run anonymous = Cli.exec("audit", "--bootstrap-servers", sasl, "--kafka-timeout", "3s", "--no-progress");
            assertThat(anonymous.exitCode()).as(anonymous.toString()).isEqualTo(2);
            assertThat(anonymous.firstErrLine()).contains("cannot reach Kafka", "requires authentication",
                    "DOCPIPE_KAFKA_SECURITY_PROTOCOL");

            Path wrongFile = Files.writeString(dir.resolve("wrong-password"), "not-" + PASSWORD);
            Cli.Run wrong = Cli.exec("audit", "--bootstrap-servers", sasl, "--kafka-security-protocol", "SASL_PLAINTEXT",
                    "--kafka-sasl-username", USER, "--kafka-sasl-password-file", wrongFile.toString(),
                    "--kafka-timeout", "5s", "--no-progress");
            assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(2);
            assertThat(wrong.firstErrLine()).contains("Kafka refused authentication", "SCRAM-SHA-512 as docpipe")
                    .doesNotContain(PASSWORD);
        }
    }

    /** pipeline-streams as deployed; it creates the topics through the SASL listener too. */
    private ConfigurableApplicationContext startPipeline(String bootstrap, KafkaSecurity security) {
        return start(PipelineApplication.class, security,
                "--docpipe.pipeline.bootstrap-servers=" + bootstrap,
                "--docpipe.pipeline.application-id=secured-" + UUID.randomUUID(),
                "--docpipe.pipeline.state-dir=" + dir.resolve("streams"),
                "--docpipe.pipeline.partitions=4",
                "--spring.autoconfigure.exclude=" + NO_DATABASE);
    }

    /**
     * A service's Spring context with its own application.yml (pipeline-streams, api-service and workers are
     * all on this classpath, each with one) and the security settings by their shared variable names.
     */
    private static ConfigurableApplicationContext start(Class<?> application, KafkaSecurity security, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add("--server.port=0");
        all.add("--spring.main.banner-mode=off");
        all.add("--spring.config.location=" + applicationYmlOf(application));
        security.variables().forEach((name, value) -> all.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
    }

    /** The workers as deployed: scan and OCR, on the API's blob directory. */
    private ConfigurableApplicationContext startWorker(String bootstrap, KafkaSecurity security) {
        return start(WorkersApplication.class, security,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--docpipe.blob.dir=" + dir.resolve("blobs"),
                "--docpipe.worker.instance-id=secured-" + UUID.randomUUID(),
                // the API's JDBC starter is on this shared classpath; the workers have no database
                "--spring.autoconfigure.exclude=" + NO_DATABASE);
    }

    /** The API as deployed: its own application.yml, security from the shared variables' names. */
    private ConfigurableApplicationContext startApi(String bootstrap, KafkaSecurity security, String dbUrl,
            PostgresDatabase postgres) {
        return start(ApiApplication.class, security,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--docpipe.blob.dir=" + dir.resolve("blobs"),
                "--docpipe.api.outcome-wait=15s",
                "--DOCPIPE_KEK=" + TestKek.VALUE,
                "--spring.profiles.active=dev");
    }

    private static String applicationYmlOf(Class<?> application) {
        URI codeSource = URI.create(application.getProtectionDomain().getCodeSource().getLocation().toString());
        return codeSource.toString().endsWith(".jar") ? "jar:" + codeSource + "!/application.yml"
                : codeSource.resolve("application.yml").toString();
    }

    private static HttpRequest.Builder upload(String documents, String token) {
        String boundary = "----docpipe" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestDocuments.pdfWithText(TestDocuments.ENGLISH, "Secured " + UUID.randomUUID()));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(documents)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static void awaitState(String document, String token, String state) {
        await(state).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String body = send(HttpRequest.newBuilder(URI.create(document)).header("Authorization", "Bearer " + token)
                    .GET(), 200);
            return JSON.readTree(body).path("state").asString().equals(state);
        });
    }

    private static String send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }
}
