package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.commands.OutcomeWaiter;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CommandStatusIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDecidedCommandShowsItsOutcome() {
        UUID documentId = upload();
        HttpApi.Response confirm = api.post(docPath(documentId) + "/confirm-scan", null);
        assertThat(confirm.status()).isEqualTo(409);
        String commandId = confirm.json().path("commandId").asString();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpApi.Response r = api.get("/api/v1/commands/" + commandId);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("REJECTED");
            assertThat(r.json().path("reason").asString()).isEqualTo("SCAN_NOT_READY");
            assertThat(r.json().path("command").asString()).isEqualTo("ConfirmScan");
            assertThat(r.json().path("documentId").asString()).isEqualTo(documentId.toString());
        });
    }

    @Test
    void anUndecidedCommandIs202AndAnUnknownOne404() {
        UUID documentId = upload();
        UUID commandId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO pending_commands (command_id, account_id, child_id, document_id, command_type, issued_at)
                        VALUES (:id, :account, :child, :doc, 'ConfirmScan', :at)""")
                .param("id", commandId).param("account", accountId).param("child", childId).param("doc", documentId)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).update();

        HttpApi.Response pending = api.get("/api/v1/commands/" + commandId);
        assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
        assertThat(pending.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(pending.header("Retry-After")).hasValue("1");

        // another family cannot see it
        assertThat(newFamily().api().get("/api/v1/commands/" + commandId).status()).isEqualTo(404);

        HttpApi.Response unknown = api.get("/api/v1/commands/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("COMMAND_NOT_FOUND");
    }

    /** Every API instance reads every outcome partition itself: each sees the outcomes of its own commands. */
    @Test
    void everyInstanceSeesEveryOutcome() throws Exception {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().bootstrapServers);
        try (OutcomeWaiter a = OutcomeWaiter.forOutcomesTopic(config);
                OutcomeWaiter b = OutcomeWaiter.forOutcomesTopic(config);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().bootstrapServers,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            a.start(Duration.ofSeconds(20));
            b.start(Duration.ofSeconds(20));
            assertThat(a.isReady()).isTrue();
            assertThat(b.isReady()).isTrue();
            // commands for many documents spread over every partition
            Map<UUID, CompletableFuture<CommandOutcome>> ofA = new java.util.HashMap<>();
            Map<UUID, CompletableFuture<CommandOutcome>> ofB = new java.util.HashMap<>();
            for (int i = 0; i < 20; i++) {
                UUID commandId = UUID.randomUUID();
                UUID documentId = UUID.randomUUID();
                (i % 2 == 0 ? ofA : ofB).put(commandId, (i % 2 == 0 ? a : b).expect(commandId));
                CommandOutcome outcome = new CommandOutcome(commandId, documentId, "ConfirmScan",
                        OutcomeStatus.REJECTED, dev.docpipe.model.outcome.Reason.DOCUMENT_NOT_FOUND, null, null, 0, 0,
                        0, null, Instant.now());
                producer.send(new ProducerRecord<>(Topics.COMMAND_OUTCOMES, documentId.toString(),
                        ModelJson.OUTCOMES.encode(outcome))).get();
            }
            for (var e : ofA.entrySet()) {
                assertThat(a.await(e.getKey(), e.getValue(), Duration.ofSeconds(20))).isNotNull();
            }
            for (var e : ofB.entrySet()) {
                assertThat(b.await(e.getKey(), e.getValue(), Duration.ofSeconds(20))).isNotNull();
            }
        }
    }
}
