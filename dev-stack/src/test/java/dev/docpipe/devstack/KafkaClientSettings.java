package dev.docpipe.devstack;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The map of raw Kafka settings a service hands to all of its Kafka clients, so a deployment can set
 * any other client setting (timeouts, standbys) by environment: Spring Boot's {@code spring.kafka.properties}
 * in api-service and workers, {@code docpipe.pipeline.streams} in pipeline-streams (applied last by
 * PipelineProperties). Security is not set here but by the shared DOCPIPE_KAFKA_* variables (KafkaSecurity).
 */
record KafkaClientSettings(String property, Set<String> knownSettings) {
    private static final Map<String, String> PROPERTY_OF_SERVICE = Map.of(
            "pipeline-streams", "docpipe.pipeline.streams",
            "api-service", "spring.kafka.properties",
            "workers", "spring.kafka.properties");

    static KafkaClientSettings of(String service) {
        Set<String> known = new HashSet<>();
        known.addAll(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        if (service.equals("pipeline-streams")) {
            known.addAll(StreamsConfig.configDef().names());
        }
        return new KafkaClientSettings(PROPERTY_OF_SERVICE.get(service), Set.copyOf(known));
    }

    String variablePrefix() {
        return property.replace('.', '_').toUpperCase(Locale.ROOT) + "_";
    }

    /** The Kafka setting {@code variable} sets through this map, if it names one the clients know. */
    Optional<String> settingOf(String variable) {
        if (!variable.startsWith(variablePrefix())) {
            return Optional.empty();
        }
        String setting = variable.substring(variablePrefix().length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return knownSettings.contains(setting) ? Optional.of(setting) : Optional.empty();
    }
}
