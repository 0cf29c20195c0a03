package dev.docpipe.pipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import dev.docpipe.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The shared Kafka security settings reach every client of Kafka Streams; explicit raw settings still win. */
class PipelinePropertiesTest {

    @Test
    void securityReachesEveryStreamsClientAndRawStreamsSettingsWin() {
        PipelineProperties properties = new PipelineProperties("broker:9093", "app", Path.of("state"), 4, (short) 1,
                Duration.ofMillis(50), 1, StreamsConfig.EXACTLY_ONCE_V2, Duration.ofMinutes(2), Duration.ofMinutes(10),
                3, Duration.ofHours(24), 32, Duration.ofSeconds(1), "", Map.of("sasl.mechanism", "SCRAM-SHA-256"),
                Duration.ofDays(3));

        PipelineConfig config = properties.toConfig(KafkaSecurity.scram("SCRAM-SHA-512", "docpipe", "secret"));

        assertThat(config.dlqRetention()).isEqualTo(Duration.ofDays(3));
        StreamsConfig streams = new StreamsConfig(config.streamsProperties());
        for (Map<String, Object> client : java.util.List.of(streams.getMainConsumerConfigs("g", "c", 0),
                streams.getProducerConfigs("p"), streams.getAdminConfigs("a"), streams.getRestoreConsumerConfigs("r"))) {
            assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                    .containsKey("sasl.jaas.config");
        }
    }
}
