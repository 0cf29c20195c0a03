package dev.docpipe.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.pipeline.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * docpipe.dlq keeps raw bytes, so it keeps them for a bounded time (docs/design.md "Erasure"): set when the
 * topic is created and on a DLQ that already exists, while the event and command logs keep everything.
 */
class DlqRetentionIntegrationTest {
    private final KafkaBroker broker = KafkaBroker.shared();

    private String config(String topic, String name) throws Exception {
        try (AdminClient admin = broker.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
        }
    }

    /** A config change reaches the broker that answers describeConfigs through the metadata log: awaited. */
    private void expectDlqRetention(Duration retention) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(config(Topics.DLQ,
                TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Long.toString(retention.toMillis())));
    }

    @Test
    void theDlqGetsAFiniteRetentionAndTheLogsKeepEverything() throws Exception {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try {
            TopicProvisioner.ensureTopics(admin, 4, (short) 1, Duration.ofDays(3));
            expectDlqRetention(Duration.ofDays(3));

            // the topic exists now: a restart with another setting changes it all the same
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), 4, (short) 1);
            expectDlqRetention(TopicProvisioner.DEFAULT_DLQ_RETENTION);
            assertThat(config(Topics.EVENTS, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo("-1");
        } finally {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), 4, (short) 1);
        }
    }
}
