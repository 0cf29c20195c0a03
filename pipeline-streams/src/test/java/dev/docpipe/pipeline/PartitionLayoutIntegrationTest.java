package dev.docpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.KafkaBroker;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;

/**
 * The start-up check on a real broker, with topics of the test's own (the shared broker's docpipe.*
 * topics serve the other tests and must stay as they are).
 */
class PartitionLayoutIntegrationTest {
    private final KafkaBroker broker = KafkaBroker.shared();
    private final String prefix = "it-layout-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void inputsOfDifferentCountsAreRefusedAndMatchingOnesGiveTheCount() {
        String commands = prefix + "-commands";
        String results = prefix + "-results";
        String grown = prefix + "-results-grown";
        String changelog = prefix + "-documents-changelog";
        String missing = prefix + "-lease-deadlines-changelog";
        broker.createTopics(3, commands, results, changelog);
        broker.createTopics(5, grown);
        try (AdminClient admin = broker.admin()) {
            assertThat(PartitionLayout.verify(admin, commands, results, List.of(changelog, missing)))
                    .as("a changelog not created yet (first start) is no mismatch").isEqualTo(3);

            assertThatThrownBy(() -> PartitionLayout.verify(admin, commands, grown, List.of(changelog)))
                    .isInstanceOf(PartitionLayout.MismatchException.class)
                    .hasMessage("refusing to start: the partition counts of " + commands + " (3), " + grown + " (5), "
                            + changelog + " (3) differ, so documents would be decided by tasks that do not hold their"
                            + " state; repartition as docs/operations.md, section \"Repartitioning\" says");
        } finally {
            broker.deleteTopics(commands, results, grown, changelog);
        }
    }
}
