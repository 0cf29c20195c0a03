package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.START;
import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.header;
import static dev.docpipe.pipeline.topology.PipelineDriver.registration;
import static dev.docpipe.pipeline.topology.PipelineDriver.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record on another partition than its key's is dead-lettered, never decided. TopologyTestDriver
 * delivers everything on partition 0, so with four partitions a key that hashes elsewhere is "wrong".
 */
class WrongPartitionTest {
    private static final int PARTITIONS = 4;

    private final PipelineDriver pipeline = new PipelineDriver(TopologySettings.DEFAULT.withInputPartitions(PARTITIONS));

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static UUID documentOnPartition(boolean zero) {
        while (true) {
            UUID id = UUID.randomUUID();
            int partition = DecodeOrDeadLetter.partitionOf(id.toString().getBytes(StandardCharsets.UTF_8), PARTITIONS);
            if ((partition == 0) == zero) {
                return id;
            }
        }
    }

    @Test
    void aCommandOnAnotherPartitionThanItsKeysIsDeadLetteredNotDecided() {
        Command register = command(documentOnPartition(false), registration());

        pipeline.send(register);

        assertThat(pipeline.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo(DeadLetter.WRONG_PARTITION);
            assertThat(header(dead, DeadLetterHeaders.DETAIL)).contains("murmur2").contains("not 0");
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.COMMANDS);
        });
        assertThat(pipeline.outcomes()).isEmpty();
        assertThat(pipeline.scanJobs()).isEmpty();
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.driver.getKeyValueStore(DocumentRepository.STORE).get(register.documentId().toString()))
                .isNull();
    }

    @Test
    void aJobResultOnAnotherPartitionThanItsKeysIsDeadLetteredNotApplied() {
        pipeline.sendResult(new ScanSucceeded(UUID.randomUUID(), documentOnPartition(false), START, report()));

        assertThat(pipeline.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo(DeadLetter.WRONG_PARTITION);
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.JOB_RESULTS);
        });
        assertThat(pipeline.events()).isEmpty();
    }

    @Test
    void aCommandOnItsKeysPartitionIsDecided() {
        pipeline.send(command(documentOnPartition(true), registration()));

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.ACCEPTED));
        assertThat(pipeline.scanJobs()).hasSize(1);
    }
}
