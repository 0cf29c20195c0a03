package dev.docpipe.pipeline.app;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The runnable pipeline-streams service: configuration, health, metrics and lifecycle around {@code DocpipePipeline}. */
@SpringBootApplication
@EnableConfigurationProperties(PipelineProperties.class)
public class PipelineApplication {
    public static void main(String[] args) {
        SpringApplication.run(PipelineApplication.class, args);
    }

    /** The DOCPIPE_KAFKA_* security settings every docpipe client reads (docs/configuration.md, Kafka security). */
    @Bean
    KafkaSecurity kafkaSecurity(Environment environment) {
        return KafkaSecurity.fromEnvironment(environment::getProperty);
    }
}
