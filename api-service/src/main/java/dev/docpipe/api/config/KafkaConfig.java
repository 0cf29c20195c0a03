package dev.docpipe.api.config;

import dev.docpipe.kafkaconfig.KafkaSecurityForSpringBoot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class KafkaConfig {
    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /** SASL and TLS from the DOCPIPE_KAFKA_* variables every docpipe client reads (docs/configuration.md). */
    @Bean
    static KafkaSecurityForSpringBoot kafkaSecurity(Environment environment) {
        return new KafkaSecurityForSpringBoot(environment);
    }

    /**
     * The listeners (projector, outcome log) write to PostgreSQL. If it is down, a batch is retried
     * (back-off up to 10 s) rather than skipped: skipping would leave a gap in the read model.
     * Unreadable records never fail a batch; the listeners dead-letter them (DeadLetters) and go on.
     * A readable record cannot fail a write either: the wire already refuses the text PostgreSQL
     * cannot store (StorableText). So a batch that keeps failing means the database or this
     * deployment is broken (a missing migration, say); the listener then waits, visibly (an error per
     * attempt, consumer lag), and resumes where it stopped once that is fixed.
     */
    @Bean
    CommonErrorHandler listenerErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
                log.error("a batch of {} records failed (attempt {}), retrying it: {}", records.count(), attempt,
                        e.toString());
            }

            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                log.error("{}-{}@{} failed (attempt {}), retrying it: {}", record.topic(), record.partition(),
                        record.offset(), attempt, e.toString());
            }
        });
        return handler;
    }
}
