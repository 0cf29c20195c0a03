package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records on the topics the API reads (events for the projector, outcomes for the command log) that no
 * codec accepts: each reaches {@code docpipe.dlq} with its origin, and the listeners keep going.
 */
class PoisonRecordsIntegrationTest extends ApiIntegrationTest {

    @Test
    void unreadableEventsAndOutcomesAreDeadLetteredAndTheListenersGoOn() throws Exception {
        String eventKey = UUID.randomUUID().toString();
        String outcomeKey = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, eventKey,
                    "{\"schemaVersion\":99,\"type\":\"DocumentRegistered\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.COMMAND_OUTCOMES, outcomeKey,
                    new byte[] {(byte) 0xff, 0x00, 0x42})).get();
        }

        List<ConsumerRecord<String, String>> dead = TopicReader.readCommitted().readUntil(Topics.DLQ,
                records -> records.stream().filter(r -> eventKey.equals(r.key()) || outcomeKey.equals(r.key()))
                        .count() >= 2, Duration.ofSeconds(60)).stream()
                .filter(r -> eventKey.equals(r.key()) || outcomeKey.equals(r.key())).toList();

        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_TOPIC))
                .containsExactlyInAnyOrder(Topics.EVENTS, Topics.COMMAND_OUTCOMES);
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.REASON)).isNotBlank();
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
        });
        assertThat(dead).filteredOn(r -> r.key().equals(eventKey)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"schemaVersion\":99"));

        // Both listeners still work: the projector shows a new document, the command log answers for it.
        UUID documentId = scannedDocument();
        var confirm = api.post(docPath(documentId) + "/confirm-scan", null);
        assertThat(confirm.status()).isEqualTo(202);
        String commandId = confirm.json().path("commandId").asString();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/v1/commands/" + commandId).json().path("status").asString())
                        .isEqualTo("ACCEPTED"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
