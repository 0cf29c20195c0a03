package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.ops.PipelineGauges;
import dev.docpipe.api.ops.StuckDocuments;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.SseStream;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The operator console's API over HTTP: who reaches it, the timeline, the DLQ replay, the live stream, the gauges. */
class OperatorConsoleIntegrationTest extends ApiIntegrationTest {
    @Autowired
    StuckDocuments stuckDocuments;

    @Autowired
    PipelineGauges gauges;

    private HttpApi operator() {
        HttpApi.Response minted = api.anonymous().post("/api/v1/dev/operators", null);
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        assertThat(minted.json().path("console").asString()).startsWith("/ops#token=");
        return api.as(minted.json().path("token").asString());
    }

    @Test
    void aFamilysTokenGets403OnEveryOpsPathAndNoTokenOnlyThePage() {
        UUID documentId = UUID.randomUUID();
        List<String> paths = List.of("/ops", "/ops/", "/ops/console.js", "/ops/console.css", "/ops/index.html",
                "/ops/api/documents/" + documentId + "/timeline", "/ops/api/dlq", "/ops/api/live", "/ops/anything");
        for (String path : paths) {
            HttpApi.Response r = api.get(path);
            assertThat(r.status()).as("family GET " + path).isEqualTo(403);
            assertThat(r.code()).as(path).isEqualTo("FORBIDDEN");
        }
        HttpApi.Response replay = api.post("/ops/api/dlq/replay", "{\"addresses\":[\"0:0\"]}");
        assertThat(replay.status()).as(replay.toString()).isEqualTo(403);

        HttpApi.Response page = api.anonymous().get("/ops");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "connect-src 'self'"));
        assertThat(api.anonymous().get("/ops/console.js").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/ops/api/dlq").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/ops/api/documents/" + documentId + "/timeline").status()).isEqualTo(401);
    }

    @Test
    void theTimelineShowsEachDecisionWithItsStateAndMarksTheDuplicates() throws Exception {
        UUID documentId = scannedDocument();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isIn(200, 202);
        }
        HttpApi operator = operator();

        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(
                () -> operator.get("/ops/api/documents/" + documentId + "/timeline").json(),
                v -> v.path("entries").findValues("status").size() >= 4);

        assertThat(view.path("state").asString()).isEqualTo("OCR_PENDING");
        List<JsonNode> confirms = view.path("entries").valueStream()
                .filter(e -> e.path("type").asString().equals("ConfirmScan")).toList();
        assertThat(confirms).extracting(e -> e.path("status").asString())
                .containsExactly("ACCEPTED", "ALREADY_DONE", "ALREADY_DONE");
        assertThat(confirms).extracting(e -> e.path("mark").asString())
                .containsExactly("ACCEPTED", "DUPLICATE", "DUPLICATE");
        assertThat(confirms).allSatisfy(e -> assertThat(e.path("state").asString()).isEqualTo("OCR_PENDING"));
        assertThat(view.path("entries").valueStream().filter(e -> e.path("kind").asString().equals("event"))
                .map(e -> e.path("type").asString()).toList())
                .containsSubsequence("DocumentRegistered", "ScanRequested", "DocumentScanned", "ScanConfirmed",
                        "OcrRequested");
        assertThat(view.path("jobs").valueStream().map(j -> j.path("kind").asString()).toList())
                .containsExactly("SCAN", "OCR");

        HttpApi.Response unknown = operator.get("/ops/api/documents/" + UUID.randomUUID() + "/timeline");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("DOCUMENT_NOT_FOUND");
    }

    @Test
    void aDeadLetterIsListedWithItsReasonAndReplayedIntoItsSourceTopic() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, key, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        HttpApi operator = operator();

        JsonNode letter = await().atMost(Duration.ofSeconds(60)).until(
                () -> operator.get("/ops/api/dlq").json().path("records").valueStream()
                        .filter(r -> key.equals(r.path("key").asString(null))).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(letter.path("reason").asString()).isNotBlank();
        assertThat(letter.path("source").asString()).startsWith(Topics.COMMANDS + "/");

        String address = letter.path("address").asString();
        HttpApi.Response replayed = operator.post("/ops/api/dlq/replay",
                "{\"addresses\":[\"" + address + "\"],\"dryRun\":false,\"skipUnreadable\":false}");
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        JsonNode result = replayed.json().get(0);
        assertThat(result.path("status").asString()).isEqualTo("sent");
        assertThat(result.path("target").asString()).isEqualTo(Topics.COMMANDS);
        assertThat(result.path("check").asString()).startsWith("still unreadable");

        // the same path as `docpipe dlq replay`: the original key and value, dlq.* headers replaced by replayed-from
        List<ConsumerRecord<String, String>> sent = TopicReader.readCommitted().readUntil(Topics.COMMANDS,
                records -> records.stream().anyMatch(r -> key.equals(r.key())
                        && r.headers().lastHeader("docpipe.replayed-from") != null), Duration.ofSeconds(30));
        ConsumerRecord<String, String> copy = sent.stream().filter(r -> key.equals(r.key())
                && r.headers().lastHeader("docpipe.replayed-from") != null).findFirst().orElseThrow();
        assertThat(copy.value()).isEqualTo("{not json");
        assertThat(header(copy, "docpipe.replayed-from")).isEqualTo(Topics.DLQ + "/" + address.replace(':', '/'));
        assertThat(copy.headers().lastHeader("dlq.reason")).isNull();

        HttpApi.Response missing = operator.post("/ops/api/dlq/replay", "{\"addresses\":[\"0:99999999\"]}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("DLQ_RECORD_NOT_FOUND");
        assertThat(operator.post("/ops/api/dlq/replay", "{\"addresses\":[\"zero\"]}").code())
                .isEqualTo("INVALID_RECORD_ADDRESS");
    }

    @Test
    void theLiveViewStreamsSamplesAndTheGaugesAreExported() throws Exception {
        HttpApi operator = operator();
        try (SseStream stream = operator.openStream("/ops/api/live")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            UUID documentId = scannedDocument();
            assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
            assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode sample = nextSample(stream);
                return sample.path("duplicates").asLong() >= 1 && sample.path("jobs").asLong() >= 1
                        && sample.path("commands").asLong() >= 2 && sample.has("consumerLag");
            });
        }

        // a document nobody scans stays SCAN_PENDING: pending since before "a second from now"
        UUID pending = upload();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbcState(pending) != null);
        assertThat(stuckDocuments.pendingSince(Instant.now().plusSeconds(1)).get(DocumentState.SCAN_PENDING))
                .isGreaterThanOrEqualTo(1);
        assertThat(stuckDocuments.pendingSince(Instant.now().minusSeconds(3600)))
                .containsOnlyKeys(DocumentState.SCAN_PENDING, DocumentState.OCR_PENDING);

        String scrape = api.anonymous().get("/actuator/prometheus").body();
        assertThat(scrape).contains("docpipe_documents_stuck{", "state=\"SCAN_PENDING\"", "state=\"OCR_PENDING\"")
                .contains("docpipe_dlq_records ");
        assertThat(gauges.dlqRecords()).isGreaterThanOrEqualTo(0);
    }

    private String jdbcState(UUID documentId) {
        return jdbc.sql("SELECT state FROM documents WHERE document_id = :id").param("id", documentId)
                .query(String.class).optional().orElse(null);
    }

    private static JsonNode nextSample(SseStream stream) throws InterruptedException {
        SseStream.Event event;
        do {
            event = stream.next(Duration.ofSeconds(10));
        } while (event != null && event.isComment());
        assertThat(event).as("a sample within 10 s").isNotNull();
        return event.json();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
