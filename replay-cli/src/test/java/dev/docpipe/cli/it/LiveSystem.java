package dev.docpipe.cli.it;

import static org.awaitility.Awaitility.await;

import dev.docpipe.cli.Cli;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import dev.docpipe.readmodel.DocumentRow;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A running docpipe for a test class: fresh docpipe topics on the shared broker, the pipeline in-process,
 * a read model in a fresh PostgreSQL database kept up to date by a live projector (as api-service runs it),
 * and workers that answer every job.
 */
final class LiveSystem implements AutoCloseable {
    static final FileRef FILE = new FileRef("sha256:" + "a".repeat(64), "application/pdf", 2048, "report.pdf");

    final String bootstrap;
    final String dbUrl;
    final DataSource dataSource;
    private final DocpipePipeline pipeline;
    private final FakeWorker worker;
    private final LiveProjector projector;
    private final KafkaProducer<byte[], byte[]> producer;

    private LiveSystem(String bootstrap, String dbUrl, DataSource dataSource, DocpipePipeline pipeline) {
        this.bootstrap = bootstrap;
        this.dbUrl = dbUrl;
        this.dataSource = dataSource;
        this.pipeline = pipeline;
        this.worker = new FakeWorker(bootstrap);
        this.projector = new LiveProjector(bootstrap, dataSource);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static LiveSystem start(String name, Path stateDir) {
        KafkaBroker broker = KafkaBroker.shared();
        recreateTopics(broker);
        PostgresDatabase postgres = PostgresDatabase.shared();
        String dbUrl = postgres.createDatabase(name + "_" + UUID.randomUUID().toString().substring(0, 8));
        DataSource dataSource = new DriverManagerDataSource(dbUrl, postgres.username(), postgres.password());
        ReadModelSchema.migrate(dataSource);
        PipelineConfig config = PipelineConfig.forTests(broker.bootstrapServers(),
                "replay-cli-" + name + "-" + UUID.randomUUID(), stateDir);
        // Remember only the latest command id per document: a redrive then meets both answers the pipeline
        // gives a repeated command, DUPLICATE (remembered) and a decision by content (forgotten).
        TopologySettings tests = config.topology();
        config = config.withTopology(new TopologySettings(tests.leases(), tests.commandIdRetention(), 1,
                tests.leaseCheckInterval()));
        DocpipePipeline pipeline = DocpipePipeline.start(config);
        return new LiveSystem(broker.bootstrapServers(), dbUrl, dataSource, pipeline);
    }

    /** The docpipe topics are fixed names: each test class starts from empty ones. */
    static void recreateTopics(KafkaBroker broker) {
        String[] names = Topics.ALL.toArray(String[]::new);
        broker.deleteTopics(names);
        try (AdminClient admin = broker.admin()) {
            await("docpipe topics deleted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(Topics.ALL::contains));
        }
    }

    /** The CLI pointed at this system's broker and database. */
    Cli cli() {
        PostgresDatabase pg = PostgresDatabase.shared();
        return Cli.withArgs("--bootstrap-servers", bootstrap, "--db-url", dbUrl, "--db-user", pg.username(),
                "--db-password", pg.password(), "--no-progress");
    }

    /** The CLI without a database: commands fold the event log instead. */
    Cli cliWithoutDb() {
        return Cli.withArgs("--bootstrap-servers", bootstrap, "--no-progress");
    }

    Command command(UUID documentId, CommandPayload payload) {
        return new Command(UUID.randomUUID(), documentId, Instant.now(), "account-1", payload);
    }

    Command register(UUID documentId) {
        return command(documentId, new RegisterDocument(UUID.randomUUID(), FILE));
    }

    void send(Command command) {
        send(Topics.COMMANDS, command.documentId().toString(), ModelJson.COMMANDS.encode(command));
    }

    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** Sends the commands and waits for all their outcomes. */
    Map<UUID, CommandOutcome> sendAndAwait(List<Command> commands) {
        commands.forEach(this::send);
        Set<UUID> ids = commands.stream().map(Command::commandId).collect(Collectors.toSet());
        List<CommandOutcome> outcomes = awaitRecords(Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode,
                list -> list.stream().map(CommandOutcome::commandId).collect(Collectors.toSet()).containsAll(ids));
        Map<UUID, CommandOutcome> byId = new HashMap<>();
        outcomes.stream().filter(o -> ids.contains(o.commandId())).forEach(o -> byId.put(o.commandId(), o));
        if (!byId.keySet().containsAll(ids)) {
            throw new AssertionError("outcomes missing for " + ids.size() + " commands; got " + byId.size());
        }
        return byId;
    }

    <T> List<T> awaitRecords(String topic, Function<byte[], T> decode, java.util.function.Predicate<List<T>> done) {
        List<ConsumerRecord<String, String>> raw = TopicReader.readCommitted(bootstrap).readUntil(topic,
                records -> done.test(decode(records, decode)), Duration.ofSeconds(60));
        return decode(raw, decode);
    }

    private static <T> List<T> decode(List<ConsumerRecord<String, String>> records, Function<byte[], T> decode) {
        return records.stream().map(r -> {
            try {
                return decode.apply(r.value().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    List<RecordedEvent> events() {
        return decode(TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS), ModelJson.EVENTS::decode);
    }

    List<Job> jobs(String topic) {
        return decode(TopicReader.readCommitted(bootstrap).readAll(topic), ModelJson.JOBS::decode);
    }

    List<CommandOutcome> outcomes() {
        return decode(TopicReader.readCommitted(bootstrap).readAll(Topics.COMMAND_OUTCOMES),
                ModelJson.OUTCOMES::decode);
    }

    /** The live read model, every row, by document id. */
    Map<UUID, DocumentRow> readModel() {
        return TestKek.projector(dataSource).all().stream()
                .collect(Collectors.toMap(DocumentRow::documentId, r -> r));
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** The latest version of each document in the event log. */
    Map<UUID, Long> logVersions() {
        Map<UUID, Long> versions = new HashMap<>();
        events().forEach(e -> versions.merge(e.documentId(), e.version(), Math::max));
        return versions;
    }

    /** Waits until the read model has every document at the event log's version. */
    void awaitReadModelCaughtUp() {
        await("read model caught up with docpipe.events").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Map<UUID, Long> log = logVersions();
                    Map<UUID, DocumentRow> rows = readModel();
                    return log.entrySet().stream().allMatch(e -> rows.containsKey(e.getKey())
                            && rows.get(e.getKey()).version() == e.getValue());
                });
    }

    /** Waits until every given document is in one of the given states in the read model. */
    void awaitStates(Set<UUID> documents, Set<dev.docpipe.model.document.DocumentState> states) {
        await("documents in " + states).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Map<UUID, DocumentRow> rows = readModel();
                    return documents.stream().allMatch(id -> rows.containsKey(id)
                            && states.contains(rows.get(id).document().state()));
                });
    }

    Document document(UUID id) {
        DocumentRow row = readModel().get(id);
        return row == null ? null : row.document();
    }

    /** The workers fail the OCR jobs of these documents until {@link #healOcr}. */
    void failOcrOf(Collection<UUID> documents) {
        worker.failOcrOf(documents);
    }

    void healOcr() {
        worker.healOcr();
    }

    Throwable projectorFailure() {
        return projector.failure();
    }

    @Override
    public void close() throws Exception {
        producer.close(Duration.ofSeconds(5));
        worker.close();
        projector.close();
        pipeline.close();
    }
}
