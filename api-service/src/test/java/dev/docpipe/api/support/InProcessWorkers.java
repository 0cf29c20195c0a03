package dev.docpipe.api.support;

import dev.docpipe.model.Topics;
import dev.docpipe.workers.WorkersApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real workers application (scan and OCR, the real executors) in this JVM, against {@link TestStack}, its
 * spans in {@link TestSpans}. Its consumer groups are its own and start at the current end of the job topics,
 * so it executes the jobs of the test that started it and none that earlier tests left behind (the stand-in
 * {@link Workers} of the other tests read jobs without consuming them).
 */
public final class InProcessWorkers implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private InProcessWorkers(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static InProcessWorkers start(TestStack stack) {
        String suffix = UUID.randomUUID().toString();
        String scanGroup = "docpipe-scan-worker-" + suffix;
        String ocrGroup = "docpipe-ocr-worker-" + suffix;
        startAtEnd(stack.bootstrapServers, scanGroup, Topics.SCAN_JOBS);
        startAtEnd(stack.bootstrapServers, ocrGroup, Topics.OCR_JOBS);
        Map<String, String> properties = new LinkedHashMap<>();
        // its own application.yml: on this classpath the API's one would be found first
        properties.put("spring.config.location", "file:" + workersApplicationYml());
        properties.put("spring.main.banner-mode", "off");
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", stack.bootstrapServers);
        properties.put("docpipe.blob.dir", stack.blobDir.toString());
        properties.put("docpipe.worker.instance-id", "tracing-it-" + suffix);
        properties.put("docpipe.worker.scan.group-id", scanGroup);
        properties.put("docpipe.worker.ocr.group-id", ocrGroup);
        // The API's JDBC and Flyway support is on this classpath too: a data source, but never its migrations.
        properties.put("spring.datasource.url", stack.jdbcUrl);
        properties.put("spring.datasource.username", stack.dbUser);
        properties.put("spring.datasource.password", stack.dbPassword);
        properties.put("spring.flyway.enabled", "false");
        properties.put("springdoc.api-docs.enabled", "false");
        properties.put("springdoc.swagger-ui.enabled", "false");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new InProcessWorkers(
                new SpringApplicationBuilder(WorkersApplication.class, TestSpans.Config.class).run(args));
    }

    /** Commits the group's offsets at the topic's end before the group first runs. */
    private static void startAtEnd(String bootstrapServers, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot place group " + group + " at the end of " + topic, e);
        }
    }

    private static Path workersApplicationYml() {
        try {
            for (URL url : Collections.list(WorkersApplication.class.getClassLoader().getResources("application.yml"))) {
                if (url.toString().contains("workers")) {
                    Path copy = Files.createTempFile("workers-", ".yml");
                    try (InputStream in = url.openStream()) {
                        Files.write(copy, in.readAllBytes());
                    }
                    return copy;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml of the workers on the test classpath");
    }

    @Override
    public void close() {
        context.close();
    }
}
