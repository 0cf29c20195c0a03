package dev.docpipe.api.ops;

import dev.docpipe.history.DocumentRecordReader;
import dev.docpipe.history.TopicClients;
import dev.docpipe.history.dlq.DeadLetterReader;
import dev.docpipe.history.dlq.DeadLetterReplay;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operator console's readers: the same document-history code as {@code docpipe history} and {@code docpipe dlq}. */
@Configuration(proxyBeanMethods = false)
public class OpsConfig {

    @Bean
    TopicClients opsKafkaClients(KafkaProperties kafka) {
        return new OpsKafkaClients(kafka);
    }

    @Bean
    DocumentRecordReader documentRecordReader(TopicClients clients, OpsProperties properties) {
        return new DocumentRecordReader(clients, properties.readTimeout(), properties.historyMaxRecords());
    }

    @Bean
    DeadLetterReader deadLetterReader(TopicClients clients, OpsProperties properties) {
        return new DeadLetterReader(clients, properties.readTimeout());
    }

    @Bean
    DeadLetterReplay deadLetterReplay(TopicClients clients, OpsProperties properties) {
        return new DeadLetterReplay(clients, properties.readTimeout());
    }
}
