package dev.docpipe.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.blob.LocalDirectoryBlobStore;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.cli.Cli;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.Codec;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.NextMajorVersionReader;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.readmodel.DocumentRow;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.testsupport.TopicReader;
import dev.docpipe.workers.WorkersApplication;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 16, a rolling upgrade on a real broker, in one run: today's pipeline, today's projector (as api-service
 * runs it) and today's workers application (scan and text extraction, on real files in the blob directory)
 * keep running while the next version's records interleave with today's: commands with extra optional fields
 * (the next version's API), jobs, events and job results with them (the next version's pipeline and worker
 * instances, see {@link NextVersionWriter}), and then an event type today's code does not know. Nothing is
 * dead-lettered, every document reaches EXTRACTED, {@code docpipe audit} passes, and the next major version's
 * reader (a test-only v3) reads the whole mixed log as today's reader reads each event.
 */
class RollingUpgradeIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 6;
    private static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    @TempDir
    Path dir;

    @Test
    void todaysPipelineProjectorAndWorkerRunThroughTheNextVersionsRecordsAndTheAuditPasses() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        LiveSystem.recreateTopics(broker); // the audit reads whole topics: only this run's records
        String bootstrap = broker.bootstrapServers();
        PostgresDatabase postgres = PostgresDatabase.shared();
        String dbUrl = postgres.createDatabase("rolling_" + UUID.randomUUID().toString().substring(0, 8));
        DataSource dataSource = new DriverManagerDataSource(dbUrl, postgres.username(), postgres.password());
        ReadModelSchema.migrate(dataSource);
        LocalDirectoryBlobStore blobs = new LocalDirectoryBlobStore(dir.resolve("blobs"));
        PipelineConfig config = PipelineConfig.forTests(bootstrap, "replay-cli-rolling-" + UUID.randomUUID(),
                dir.resolve("streams")).withStreamsOverrides(Map.of(
                        StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                        NextVersionWriter.class.getName()));

        List<UUID> documents = Stream.generate(UUID::randomUUID).limit(DOCUMENTS).toList();
        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                LiveProjector projector = new LiveProjector(bootstrap, dataSource);
                ConfigurableApplicationContext worker = startWorker(bootstrap);
                KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < DOCUMENTS; i++) {
                byte[] letter = ("Letter " + i + " from the school: the trip to the museum is on Friday.")
                        .getBytes(StandardCharsets.UTF_8);
                StoredBlob blob = blobs.put(new ByteArrayInputStream(letter), letter.length);
                FileRef file = new FileRef(blob.ref().value(), "text/plain", letter.length, "letter-" + i + ".txt");
                sendCommand(producer, i, documents.get(i), new RegisterDocument(UUID.randomUUID(), file));
            }
            awaitStates(dataSource, documents, DocumentState.SCANNED);
            for (int i = 0; i < DOCUMENTS; i++) {
                sendCommand(producer, i + 1, documents.get(i), new ConfirmScan());
            }
            awaitStates(dataSource, documents, DocumentState.EXTRACTED);

            // the next version's pipeline, now the documents' writer, records an event of a type today's
            // code does not know (an additive change: same schemaVersion), itself with an extra field
            Map<UUID, Long> versions = logVersions(bootstrap);
            for (UUID document : documents) {
                producer.send(documentTagged(document, versions.get(document) + 1)).get();
            }
            await("today's projector steps over the new event type").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        Map<UUID, DocumentRow> rows = rows(dataSource);
                        return documents.stream().allMatch(d -> rows.containsKey(d)
                                && rows.get(d).version() == versions.get(d) + 1);
                    });
            assertThat(projector.failure()).isNull();
            assertThat(rows(dataSource).values()).allSatisfy(
                    row -> assertThat(row.document().state()).isEqualTo(DocumentState.EXTRACTED));

            // today's worker ran jobs the next version wrote: every one has its result
            List<ConsumerRecord<String, String>> nextVersionJobs = Stream.of(Topics.SCAN_JOBS, Topics.OCR_JOBS)
                    .flatMap(topic -> TopicReader.readCommitted(bootstrap).readAll(topic).stream())
                    .filter(RollingUpgradeIntegrationTest::writtenByNextVersion).toList();
            assertThat(nextVersionJobs).isNotEmpty();
            Set<UUID> answered = TopicReader.readCommitted(bootstrap).readAll(Topics.JOB_RESULTS).stream()
                    .map(r -> ModelJson.RESULTS.decode(bytes(r)).jobId()).collect(Collectors.toSet());
            assertThat(nextVersionJobs).extracting(r -> ModelJson.JOBS.decode(bytes(r)).jobId())
                    .allMatch(answered::contains);
            assertThat(TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS))
                    .anyMatch(RollingUpgradeIntegrationTest::writtenByNextVersion);
            assertThat(TopicReader.readCommitted(bootstrap).readAll(Topics.JOB_RESULTS))
                    .anyMatch(RollingUpgradeIntegrationTest::writtenByNextVersion);
            assertThat(TopicReader.readUncommitted(bootstrap).readAll(Topics.DLQ)).isEmpty();
        }

        Cli.Run audit = Cli.exec("audit", "--bootstrap-servers", bootstrap, "--db-url", dbUrl,
                "--db-user", postgres.username(), "--db-password", postgres.password(), "--no-progress");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out()).contains("PASSED");

        // after the upgrade: the next major version's reader reads the whole log both versions wrote
        Codec<RecordedEvent> nextMajor = NextMajorVersionReader.events();
        List<ConsumerRecord<String, String>> log = TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS);
        assertThat(log).hasSizeGreaterThanOrEqualTo(DOCUMENTS * 7)
                .anyMatch(RollingUpgradeIntegrationTest::writtenByNextVersion);
        assertThat(log).allSatisfy(record -> assertThat(nextMajor.decode(bytes(record)))
                .isEqualTo(ModelJson.EVENTS.decode(bytes(record))));
        assertThat(log).extracting(record -> nextMajor.decode(bytes(record)).type())
                .filteredOn("DocumentTagged"::equals).hasSize(DOCUMENTS);
    }

    /**
     * The workers as deployed (scan and OCR), reading the files from the blob directory; every other result
     * they write is in the next version's form, as if from a worker already upgraded.
     */
    private ConfigurableApplicationContext startWorker(String bootstrap) {
        String instance = "rolling-" + UUID.randomUUID();
        return new SpringApplicationBuilder(WorkersApplication.class).run(
                "--spring.config.location=" + applicationYmlOf(WorkersApplication.class),
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--docpipe.blob.dir=" + dir.resolve("blobs"),
                "--docpipe.worker.instance-id=" + instance,
                "--docpipe.worker.scan.group-id=" + instance + "-scan",
                "--docpipe.worker.ocr.group-id=" + instance + "-ocr",
                "--spring.kafka.producer.properties.interceptor.classes=" + NextVersionWriter.class.getName(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                // the API's JDBC starter is on this shared classpath; the workers have no database
                "--spring.autoconfigure.exclude=" + NO_DATABASE);
    }

    private static String applicationYmlOf(Class<?> application) {
        URI codeSource = URI.create(application.getProtectionDomain().getCodeSource().getLocation().toString());
        return codeSource.toString().endsWith(".jar") ? "jar:" + codeSource + "!/application.yml"
                : codeSource.resolve("application.yml").toString();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Every other command as the next version's API writes it. */
    private static void sendCommand(KafkaProducer<String, byte[]> producer, int index, UUID document,
            CommandPayload payload) throws Exception {
        byte[] today = ModelJson.COMMANDS.encode(new Command(UUID.randomUUID(), document, Instant.now(), "account-9",
                payload));
        byte[] value = index % 2 == 0 ? today : NextVersionWriter.nextVersionOf(today);
        producer.send(new ProducerRecord<>(Topics.COMMANDS, document.toString(), value)).get();
    }

    /**
     * An event of a type only the next version knows, as it would write it: with a field of its own and its
     * CloudEvents headers (binary mode).
     */
    private static ProducerRecord<String, byte[]> documentTagged(UUID documentId, long version) {
        ObjectNode event = JSON.createObjectNode().put("schemaVersion", ModelJson.EVENTS.schemaVersion())
                .put("type", "DocumentTagged").put("eventId", UUID.randomUUID().toString())
                .put("documentId", documentId.toString()).put("version", version)
                .put("occurredAt", Instant.now().toString()).put("causationId", UUID.randomUUID().toString())
                .put("traceId", "next-version");
        event.putObject("data").put("taggedBy", "account-9").putArray("tags").add("school");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, documentId.toString(),
                JSON.writeValueAsBytes(event));
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "dev.docpipe.document.DocumentTagged", "ce_source", "/docpipe/pipeline-streams",
                "ce_time", Instant.now().toString(), "ce_subject", documentId.toString(),
                "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static boolean writtenByNextVersion(ConsumerRecord<String, String> record) {
        return record.value() != null && record.value().contains(NextVersionWriter.NESTED_FIELD);
    }

    private static byte[] bytes(ConsumerRecord<String, String> record) {
        return record.value().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<UUID, Long> logVersions(String bootstrap) {
        Map<UUID, Long> versions = new HashMap<>();
        TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS).forEach(r -> {
            RecordedEvent event = ModelJson.EVENTS.decode(bytes(r));
            versions.merge(event.documentId(), event.version(), Math::max);
        });
        return versions;
    }

    private static Map<UUID, DocumentRow> rows(DataSource dataSource) {
        return TestKek.projector(dataSource).all().stream()
                .collect(Collectors.toMap(DocumentRow::documentId, r -> r));
    }

    private static void awaitStates(DataSource dataSource, List<UUID> documents, DocumentState state) {
        await("every document " + state + ", none stalled").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Map<UUID, DocumentRow> rows = rows(dataSource);
                    return documents.stream().allMatch(d -> rows.containsKey(d)
                            && rows.get(d).document().state() == state);
                });
    }
}
