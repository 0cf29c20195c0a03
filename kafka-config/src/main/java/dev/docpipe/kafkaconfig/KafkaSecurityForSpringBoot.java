package dev.docpipe.kafkaconfig;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * Hands the {@link KafkaSecurity} settings to every Kafka client Spring Boot builds (producers, consumers,
 * the admin client, and clients made from their factories' configuration): they all start from
 * {@code spring.kafka.properties}. Explicit {@code spring.kafka.properties.*} entries still win. Declare
 * it from a static {@code @Bean} method so it exists before Boot's Kafka beans.
 */
public final class KafkaSecurityForSpringBoot implements BeanPostProcessor {
    private final KafkaSecurity security;

    /** Reads the DOCPIPE_KAFKA_* variables (or test properties of those names) from {@code environment}. */
    public KafkaSecurityForSpringBoot(Environment environment) {
        this.security = KafkaSecurity.fromEnvironment(environment::getProperty);
    }

    public KafkaSecurity security() {
        return security;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaProperties kafka) {
            security.clientProperties().forEach(kafka.getProperties()::putIfAbsent);
        }
        return bean;
    }
}
