package dev.docpipe.api.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    /**
     * The listeners (projector, outcome log) write to PostgreSQL. If it is down, a batch is retried
     * (back-off up to 10 s) rather than skipped: skipping would leave a gap in the read model.
     * Unreadable records never fail a batch; the listeners dead-letter them (DeadLetters) and go on.
     */
    @Bean
    CommonErrorHandler listenerErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
