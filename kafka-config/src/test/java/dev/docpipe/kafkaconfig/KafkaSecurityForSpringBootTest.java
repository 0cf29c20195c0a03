package dev.docpipe.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KafkaSecurityForSpringBootTest {

    @Test
    void everyClientBootBuildsGetsTheSharedSettingsAndExplicitClientSettingsStillWin() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "DOCPIPE_KAFKA_SASL_USERNAME", "docpipe",
                "DOCPIPE_KAFKA_SASL_PASSWORD", "secret",
                "DOCPIPE_KAFKA_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12")));
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProperties().put("ssl.truststore.type", "JKS"); // spring.kafka.properties.* set explicitly

        new KafkaSecurityForSpringBoot(environment).postProcessAfterInitialization(kafka, "kafkaProperties");

        for (Map<String, Object> client : java.util.List.of(kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(), kafka.buildAdminProperties())) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                    .containsEntry("ssl.truststore.type", "JKS");
            assertThat((String) client.get("sasl.jaas.config")).contains("username=\"docpipe\"");
        }
    }
}
