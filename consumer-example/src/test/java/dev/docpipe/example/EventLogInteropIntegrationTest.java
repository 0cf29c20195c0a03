package dev.docpipe.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docpipe.events as a downstream team sees it, written by the real pipeline on a real broker: read with the
 * CloudEvents SDK's Kafka deserializer, checked against the published JSON Schemas, and consumed by the
 * example notifier (once per extracted text, tolerant of what a later release may add).
 */
class EventLogInteropIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    @TempDir
    static Path stateDir;

    static String bootstrap;
    static DocpipePipeline pipeline;
    static UUID document;

    @BeforeAll
    static void aDocumentGoesThroughTheRealPipeline() {
        bootstrap = KafkaBroker.shared().bootstrapServers();
        pipeline = DocpipePipeline.start(PipelineConfig.forTests(bootstrap, "docpipe-it-interop", stateDir));
        document = LiveDocument.extracted(bootstrap);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void theCloudEventsSdkReadsEveryEventAndItsDataMatchesThePublishedSchema() {
        List<ConsumerRecord<String, CloudEvent>> own = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(TextExtractedNotifier.config(bootstrap, "it-cloudevents-" + UUID.randomUUID()));
        try (KafkaConsumer<String, CloudEvent> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (document.toString().equals(r.key())) {
                        own.add(r);
                    }
                });
                return own.stream().anyMatch(r -> r.value().getType().endsWith(".TextExtracted"));
            });
        }

        assertThat(own).extracting(r -> r.value().getType()).containsSubsequence(
                "dev.docpipe.document.DocumentRegistered", "dev.docpipe.document.ScanRequested",
                "dev.docpipe.document.DocumentScanned", "dev.docpipe.document.ScanConfirmed",
                "dev.docpipe.document.OcrRequested", "dev.docpipe.document.TextExtracted");
        for (ConsumerRecord<String, CloudEvent> record : own) {
            CloudEvent ce = record.value();
            byte[] data = ce.getData().toBytes();
            RecordedEvent event = ModelJson.EVENTS.decode(data);
            assertThat(ce.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(ce.getId()).isEqualTo(event.eventId().toString());
            assertThat(ce.getType()).isEqualTo("dev.docpipe.document." + event.type());
            assertThat(ce.getSource()).isEqualTo(URI.create("/docpipe/pipeline-streams"));
            assertThat(ce.getSubject()).isEqualTo(document.toString());
            assertThat(ce.getTime().toInstant()).isEqualTo(event.occurredAt());
            assertThat(ce.getDataContentType()).isEqualTo("application/json");

            JsonNode json = JSON.readTree(data);
            assertThat(schemaFor(json).validate(json)).as("%s against its published schema", event.type()).isEmpty();
        }
    }

    @Test
    void theNotifierTellsOncePerExtractedTextAndReadsWhatALaterReleaseAdds() {
        List<UUID> notified = new CopyOnWriteArrayList<>();
        HandledEvents handled = new HandledEvents();
        Notifications notifications = (documentId, version, text) -> notified.add(documentId);
        String group = "it-notifier-" + UUID.randomUUID();

        // a record a later release might write (an extra field, envelope and data), and one from a future major
        UUID later = UUID.randomUUID();
        RecordedEvent extracted = new RecordedEvent(UUID.randomUUID(), later, 6, java.time.Instant.now(), UUID.randomUUID(),
                new TextExtracted(UUID.randomUUID(), 1, "sha256:" + "f".repeat(64), 99, "tesseract", "6.0.0"));
        ObjectNode next = (ObjectNode) JSON.readTree(ModelJson.EVENTS.encode(extracted));
        next.put("traceId", "abc");
        ((ObjectNode) next.get("data")).put("confidence", 0.93);
        try (KafkaProducer<String, byte[]> producer = LiveDocument.producer(bootstrap)) {
            LiveDocument.sendEvent(producer, later, "TextExtracted", JSON.writeValueAsBytes(next));
            LiveDocument.sendEvent(producer, UUID.randomUUID(), "TextExtracted",
                    "{\"schemaVersion\":99,\"type\":\"TextExtracted\"}".getBytes(StandardCharsets.UTF_8));
        }

        try (TextExtractedNotifier notifier = new TextExtractedNotifier(bootstrap, group, handled, notifications)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                notifier.pollOnce(Duration.ofMillis(200));
                return notified.contains(document) && notified.contains(later) && notifier.unreadable() > 0;
            });
        }
        // the whole log again, as after a lost offset commit or a replay: nothing is told twice
        try (TextExtractedNotifier again = new TextExtractedNotifier(bootstrap, "it-notifier-" + UUID.randomUUID(),
                handled, notifications)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                again.pollOnce(Duration.ofMillis(200));
                return again.repeats() >= 2;
            });
        }

        assertThat(notified).filteredOn(document::equals).hasSize(1);
        assertThat(notified).filteredOn(later::equals).hasSize(1);
    }

    private static com.networknt.schema.Schema schemaFor(JsonNode record) {
        String path = "/schemas/events/" + record.get("type").asString() + ".v" + record.get("schemaVersion").asInt()
                + ".schema.json";
        try (InputStream in = EventLogInteropIntegrationTest.class.getResourceAsStream(path)) {
            assertThat(in).as("%s in the shared-model jar", path).isNotNull();
            return SCHEMAS.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
