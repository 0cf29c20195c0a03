package dev.docpipe.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PartitionLayout;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.TopicProvisioner;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-document ownership on a real broker: partitions are checked at start-up and on every record. */
class PartitioningIntegrationTest {
    @TempDir
    Path stateDir;

    private final KafkaBroker broker = KafkaBroker.shared();

    private static String applicationId(String purpose) {
        return "docpipe-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private int inputPartitions() throws Exception {
        TopicProvisioner.ensureTopics(broker.bootstrapServers(), 4, (short) 1); // the first test of the JVM creates them
        try (AdminClient admin = broker.admin()) {
            return admin.describeTopics(List.of(Topics.COMMANDS)).allTopicNames().get().get(Topics.COMMANDS)
                    .partitions().size();
        }
    }

    @Test
    void aCommandProducedToAnotherPartitionThanItsKeysIsDeadLetteredAndNeverDecided() throws Exception {
        PipelineConfig config = PipelineConfig.forTests(broker.bootstrapServers(), applicationId("partition"), stateDir);
        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                LiveTopics topics = new LiveTopics(broker.bootstrapServers())) {
            int partitions = inputPartitions();
            UUID documentId = UUID.randomUUID();
            int right = Utils.toPositive(Utils.murmur2(documentId.toString().getBytes(StandardCharsets.UTF_8)))
                    % partitions;
            Command register = new Command(UUID.randomUUID(), documentId, Instant.now(), "account-1",
                    new RegisterDocument(UUID.randomUUID(),
                            new FileRef("sha256:" + "a".repeat(64), "application/pdf", 1234, "report.pdf")));

            topics.sendToPartition(register, (right + 1) % partitions);
            topics.flush();

            List<ConsumerRecord<String, String>> dead = TopicReader.readCommitted(broker.bootstrapServers())
                    .readUntil(Topics.DLQ, records -> records.stream().anyMatch(r -> documentId.toString()
                            .equals(r.key())), Duration.ofSeconds(60))
                    .stream().filter(r -> documentId.toString().equals(r.key())).toList();
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(DeadLetter.WRONG_PARTITION);
                assertThat(header(r, DeadLetterHeaders.SOURCE_PARTITION))
                        .isEqualTo(Integer.toString((right + 1) % partitions));
            });

            // the same command on its key's partition is decided: as the first and only registration
            topics.send(register);
            topics.flush();
            List<CommandOutcome> outcomes = topics.awaitRecords(Topics.COMMAND_OUTCOMES,
                    dev.docpipe.model.json.ModelJson.OUTCOMES::decode, Set.of(documentId), list -> !list.isEmpty(),
                    Duration.ofSeconds(60));
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.commandId()).isEqualTo(register.commandId());
                assertThat(o.status()).isEqualTo(OutcomeStatus.ACCEPTED);
            });
        }
    }

    @Test
    void thePipelineRefusesToStartWhenAChangelogHasAnotherPartitionCountThanTheInputs() throws Exception {
        String applicationId = applicationId("repartitioned");
        PipelineConfig config = PipelineConfig.forTests(broker.bootstrapServers(), applicationId, stateDir);
        int partitions = inputPartitions();
        String changelog = PartitionLayout.changelogs(applicationId).getFirst();
        broker.createTopics(partitions + 2, changelog); // as if docpipe.commands had been shrunk, or grown behind it

        assertThatThrownBy(() -> DocpipePipeline.start(config).close())
                .isInstanceOf(PartitionLayout.MismatchException.class)
                .hasMessageContaining(Topics.COMMANDS + " (" + partitions + ")")
                .hasMessageContaining(changelog + " (" + (partitions + 2) + ")")
                .hasMessageContaining("docs/operations.md").hasMessageContaining("Repartitioning");
        broker.deleteTopics(changelog);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
