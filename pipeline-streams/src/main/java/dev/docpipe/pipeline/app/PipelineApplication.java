package dev.docpipe.pipeline.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The runnable pipeline-streams service: configuration, health, metrics and lifecycle around {@code DocpipePipeline}. */
@SpringBootApplication
@EnableConfigurationProperties(PipelineProperties.class)
public class PipelineApplication {
    public static void main(String[] args) {
        SpringApplication.run(PipelineApplication.class, args);
    }
}
