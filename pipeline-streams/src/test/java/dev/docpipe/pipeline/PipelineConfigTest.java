package dev.docpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The latency defaults reach Kafka Streams, and raw overrides still win. */
class PipelineConfigTest {
    private final PipelineConfig defaults = PipelineConfig.defaults("localhost:9092", "app", Path.of("state"));

    @Test
    void interactiveLatencyDefaultsAreSetAndReachTheClients() {
        Properties props = defaults.streamsProperties();

        assertThat(defaults.commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(props).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, "5");
        StreamsConfig config = new StreamsConfig(props);
        // kept at their defaults on purpose (see PipelineConfig.DEFAULT_COMMIT_INTERVAL)
        assertThat(config.getMainConsumerConfigs("g", "c", 0)).doesNotContainKey("fetch.max.wait.ms"); // 500
        assertThat(config.getProducerConfigs("p")).containsEntry("linger.ms", "100");
    }

    @Test
    void rawStreamsOverridesWin() {
        Properties props = defaults.withStreamsOverrides(Map.of(StreamsConfig.POLL_MS_CONFIG, "100",
                "consumer.fetch.max.wait.ms", "500", "producer.linger.ms", "100")).streamsProperties();

        StreamsConfig config = new StreamsConfig(props);
        assertThat(props).containsEntry(StreamsConfig.POLL_MS_CONFIG, "100");
        assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsEntry("fetch.max.wait.ms", "500");
        assertThat(config.getProducerConfigs("p")).containsEntry("linger.ms", "100");
    }
}
