package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's own promise, on its real broker, PostgreSQL and pipeline (--pipeline-only, free
 * ports): what one run stored, the next run still has: topics and their records, the pipeline's
 * document state, the database. api-service and workers are covered by scripts/smoke-test.sh.
 */
class DevStackRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTopicsDocumentStateAndTheDatabase() throws Exception {
        UUID documentId = UUID.randomUUID();
        UUID first = UUID.randomUUID();

        Map<String, String> env = startAndRun(env1 -> {
            register(env1, documentId, first);
            assertThat(awaitOutcome(env1, first).status()).isEqualTo(OutcomeStatus.ACCEPTED);
            sql(env1, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from the first run')");
        });
        assertThat(env).containsKeys("DOCPIPE_KAFKA_BOOTSTRAP", "DOCPIPE_DB_URL");

        UUID second = UUID.randomUUID();
        startAndRun(env2 -> {
            // The document is still known to the pipeline: registering it again does nothing new.
            register(env2, documentId, second);
            CommandOutcome again = awaitOutcome(env2, second);
            assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_DONE);
            assertThat(scanJobsFor(env2, documentId)).as("one scan job across both runs").hasSize(1);
            assertThat(sql(env2, "SELECT v FROM kept")).isEqualTo("from the first run");
        });
    }

    private interface Run {
        void accept(Map<String, String> env) throws Exception;
    }

    /** Starts the stack on this data dir, runs {@code run} against the env file it wrote, stops it. */
    private Map<String, String> startAndRun(Run run) throws Exception {
        DataDir data = DataDir.at(dataDir);
        data.create();
        DevStack stack = new DevStack(new StackOptions(data, StackOptions.Mode.PIPELINE_ONLY, 0, 0, 0, RepoFiles.root()));
        try {
            stack.start();
            Map<String, String> env = EnvFile.read(data.envFile());
            run.accept(env);
            return env;
        } finally {
            stack.stop();
        }
    }

    private static void register(Map<String, String> env, UUID documentId, UUID commandId) throws Exception {
        Command command = new Command(commandId, documentId, Instant.now(), UUID.randomUUID().toString(),
                new RegisterDocument(UUID.randomUUID(), new FileRef("sha256:" + "ab".repeat(32), "application/pdf", 1121,
                        "report-card.pdf")));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("DOCPIPE_KAFKA_BOOTSTRAP"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, documentId.toString(), ModelJson.COMMANDS.encode(command)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static CommandOutcome awaitOutcome(Map<String, String> env, UUID commandId) {
        List<ConsumerRecord<String, String>> records = TopicReader.readCommitted(env.get("DOCPIPE_KAFKA_BOOTSTRAP"))
                .readUntil(Topics.COMMAND_OUTCOMES, rs -> rs.stream().anyMatch(r -> r.value().contains(commandId.toString())),
                        WAIT);
        return records.stream().map(r -> ModelJson.OUTCOMES.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .filter(o -> o.commandId().equals(commandId)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + commandId + " within " + WAIT));
    }

    private static List<ConsumerRecord<String, String>> scanJobsFor(Map<String, String> env, UUID documentId) {
        return TopicReader.readCommitted(env.get("DOCPIPE_KAFKA_BOOTSTRAP")).readAll(Topics.SCAN_JOBS).stream()
                .filter(r -> documentId.toString().equals(r.key())).toList();
    }

    /** Runs the statements; returns the first column of the first row of the last one, if it has rows. */
    private static String sql(Map<String, String> env, String statements) throws Exception {
        try (Connection c = DriverManager.getConnection(env.get("DOCPIPE_DB_URL"), env.get("DOCPIPE_DB_USER"),
                env.get("DOCPIPE_DB_PASSWORD")); Statement s = c.createStatement()) {
            String result = null;
            for (String sql : statements.split(";")) {
                if (s.execute(sql.strip())) {
                    try (ResultSet rs = s.getResultSet()) {
                        result = rs.next() ? rs.getString(1) : null;
                    }
                }
            }
            return result;
        }
    }
}
