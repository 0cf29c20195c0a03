package dev.docpipe.devstack;

import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The walk-through against the compose file's Kafka and PostgreSQL images (Testcontainers) instead
 * of the embedded ones: the pipeline in-process, api-service and workers from their jars, configured
 * by environment only. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest {
    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static final Duration READY = Duration.ofMinutes(3);

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(COMPOSE.image("kafka"))
            // One broker: exactly_once_v2 needs the transaction log creatable with one replica.
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(COMPOSE.image("postgres"))
            .withDatabaseName("docpipe").withUsername("docpipe").withPassword("docpipe");

    @TempDir
    Path dir;

    @Test
    void theWalkThroughTakesAPdfToValidatedOnContainers() throws Exception {
        List<Path> jars = new ServiceJars(RepoFiles.root()).require(List.of(Service.API, Service.WORKERS));
        Infra infra = new Infra(KAFKA.getBootstrapServers(), POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword());
        Path blobs = dir.resolve("blobs");
        Path logs = Path.of("target", "containers-e2e").toAbsolutePath();
        int apiPort = LoopbackPorts.anyFree();
        int workersPort = LoopbackPorts.anyFree();
        byte[] pdf;
        try (InputStream in = getClass().getResourceAsStream("/sample/" + SampleFiles.SAMPLE_PDF)) {
            pdf = in.readAllBytes();
        }
        try (DocpipePipeline pipeline = DocpipePipeline.start(
                     PipelineConfig.defaults(infra.bootstrapServers(), "docpipe-pipeline", dir.resolve("streams")));
             ServiceProcess api = ServiceProcess.start("api-service", jars.get(0),
                     ServiceEnvironment.api(infra, blobs, apiPort, KeyEncryptionKey.generateEncoded()), logs.resolve("api-service.log"), null);
             ServiceProcess workers = ServiceProcess.start("workers", jars.get(1),
                     ServiceEnvironment.workers(infra, blobs, workersPort), logs.resolve("workers.log"), null)) {
            api.awaitHttpOk(URI.create("http://127.0.0.1:" + apiPort + "/actuator/health/readiness"), READY);
            workers.awaitHttpOk(URI.create("http://127.0.0.1:" + workersPort + "/actuator/health/liveness"), READY);
            new WalkThrough("http://127.0.0.1:" + apiPort).run(pdf, "Mathematics");
        }
    }
}
