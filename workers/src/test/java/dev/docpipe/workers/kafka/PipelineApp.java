package dev.docpipe.workers.kafka;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.pipeline.app.PipelineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real pipeline-streams service (its Spring Boot application, actuator included) in this JVM,
 * against the shared test broker. It runs with its own application.yml: on this classpath the
 * workers' one would shadow it, so it is copied out of the pipeline-streams artifact and named
 * explicitly.
 */
final class PipelineApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private PipelineApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static PipelineApp start(String applicationId, Path stateDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.config.location", "file:" + pipelineApplicationYml());
        properties.put("server.port", "0");
        properties.put("docpipe.pipeline.bootstrap-servers", KafkaBroker.shared().bootstrapServers());
        properties.put("docpipe.pipeline.application-id", applicationId);
        properties.put("docpipe.pipeline.state-dir", stateDir.toString());
        // The topics other tests of this module created have two partitions.
        properties.put("docpipe.pipeline.partitions", "2");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new PipelineApp(new SpringApplicationBuilder(PipelineApplication.class).run(args));
    }

    String actuator() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/actuator";
    }

    private static Path pipelineApplicationYml() {
        try {
            for (URL url : Collections.list(PipelineApplication.class.getClassLoader().getResources("application.yml"))) {
                if (url.toString().contains("pipeline-streams")) {
                    Path copy = Files.createTempFile("pipeline-streams-", ".yml");
                    try (InputStream in = url.openStream()) {
                        Files.write(copy, in.readAllBytes());
                    }
                    return copy;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml of pipeline-streams on the test classpath");
    }

    @Override
    public void close() {
        context.close();
    }
}
