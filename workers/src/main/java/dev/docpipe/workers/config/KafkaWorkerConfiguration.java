package dev.docpipe.workers.config;

import dev.docpipe.kafkaconfig.KafkaSecurityForSpringBoot;
import dev.docpipe.workers.execution.CompletedJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka side beyond what application.yml configures: security from the shared DOCPIPE_KAFKA_*
 * variables, transactional ids unique per process, how long a stopping container waits for its job,
 * what happens after a rolled-back job, and the completed-jobs index.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaWorkerConfiguration {

    /** SASL and TLS for every Kafka client here, the completed-jobs consumer and admin included. */
    @Bean
    static KafkaSecurityForSpringBoot kafkaSecurity(Environment environment) {
        return new KafkaSecurityForSpringBoot(environment);
    }

    /**
     * Two live processes with one transactional id fence each other, so the prefix from
     * application.yml gets this process's instance id appended.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer transactionalIdPerInstance(WorkerProperties properties) {
        return factory -> factory.setTransactionIdPrefix(
                factory.getTransactionIdPrefix() + properties.instanceId() + "-");
    }

    /**
     * Boot's transaction manager, but with transaction synchronization on (spring-kafka turns it
     * off by default): a job is marked done in the completed-jobs index only after its result's
     * transaction has committed, never when it might still roll back.
     */
    @Bean
    KafkaTransactionManager<?, ?> kafkaTransactionManager(ProducerFactory<?, ?> producerFactory) {
        KafkaTransactionManager<?, ?> manager = new KafkaTransactionManager<>(producerFactory);
        manager.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ALWAYS);
        return manager;
    }

    /** A stopping container waits for its running job for the grace period and a little more. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> shutdownTimeout(
            WorkerProperties properties) {
        long millis = properties.shutdownGrace().plus(Duration.ofSeconds(10)).toMillis();
        return container -> container.getContainerProperties().setShutdownTimeout(millis);
    }

    /**
     * After a rollback (the broker unreachable, the completed-jobs index behind, a shutdown) the
     * record is re-sought and retried with backoff, indefinitely: every outcome of a job itself is
     * a result or an abandon, so what fails here is infrastructure, and skipping the record would
     * only lose the job until its lease runs out.
     */
    @Bean
    AfterRollbackProcessor<Object, Object> retryAfterRollback() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultAfterRollbackProcessor<>(backOff);
    }

    @Bean(destroyMethod = "close")
    Admin workerAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    CompletedJobs completedJobs(ConsumerFactory<?, ?> consumerFactory, Admin workerAdmin, Clock clock,
            WorkerProperties properties) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // manual assignment, no group, no commits
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-worker-completed-jobs-" + properties.instanceId());
        return new CompletedJobs(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                workerAdmin, clock, properties);
    }
}
