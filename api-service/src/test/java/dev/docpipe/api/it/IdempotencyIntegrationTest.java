package dev.docpipe.api.it;

import static dev.docpipe.api.it.ConfirmScanConcurrencyIntegrationTest.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.EncodedCommand;
import dev.docpipe.api.idempotency.IdempotentCommands;
import dev.docpipe.api.idempotency.RequestFingerprint;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.web.HttpReply;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

class IdempotencyIntegrationTest extends ApiIntegrationTest {
    @Autowired
    private IdempotentCommands idempotency;

    private List<Command> commandsFor(UUID documentId) {
        return TopicReader.readCommitted().readAll(Topics.COMMANDS).stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.COMMANDS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Test
    void aRetriedUploadReplaysTheIdenticalResponse() {
        byte[] file = pdf();
        HttpApi.Response first = api.uploadFile(childId, "a.pdf", file, "Idempotency-Key", "upload-1");
        HttpApi.Response retry = api.uploadFile(childId, "a.pdf", file, "Idempotency-Key", "upload-1");

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();

        UUID documentId = UUID.fromString(first.json().path("documentId").asString());
        assertThat(commandsFor(documentId)).hasSize(1);
        // one document for the child, not two
        assertThat(api.get("/api/v1/children/" + childId + "/documents").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentRequestIs422() {
        HttpApi.Response first = api.uploadFile(childId, "a.pdf", pdf(), "Idempotency-Key", "k-422");
        assertThat(first.status()).isEqualTo(202);
        HttpApi.Response other = api.uploadFile(childId, "a.pdf", pdf(), "Idempotency-Key", "k-422");
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        UUID documentId = extractedDocument("text");
        String path = docPath(documentId) + "/review";
        HttpApi.Response edit = api.patch(path, "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"A\"}}",
                "Idempotency-Key", "k-review");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        HttpApi.Response differentBody = api.patch(path, "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"B\"}}",
                "Idempotency-Key", "k-review");
        assertThat(differentBody.status()).as(differentBody.toString()).isEqualTo(422);
        assertThat(differentBody.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // same body, other whitespace: the same request
        HttpApi.Response sameBody = api.patch(path, "{ \"expectedReviewVersion\": 0, \"patch\": {\"title\": \"A\"} }",
                "Idempotency-Key", "k-review");
        assertThat(sameBody.status()).isEqualTo(200);
        assertThat(sameBody.body()).isEqualTo(edit.body());
        // the same key on another endpoint is another request
        HttpApi.Response otherEndpoint = api.post(docPath(documentId) + "/validate", "{\"expectedReviewVersion\":0}",
                "Idempotency-Key", "k-review");
        assertThat(otherEndpoint.status()).as(otherEndpoint.toString()).isEqualTo(422);
        assertThat(api.get(docPath(documentId)).json().path("review").path("title").asString()).isEqualTo("A");
    }

    @Test
    void twentyConcurrentRequestsWithOneKeySendOneCommand() throws Exception {
        UUID documentId = scannedDocument();
        int before = commandsFor(documentId).size();

        List<HttpApi.Response> responses = concurrently(20, i ->
                api.post(docPath(documentId) + "/confirm-scan", null, "Idempotency-Key", "confirm-" + documentId));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            assertThat(r.body()).isEqualTo(responses.getFirst().body());
        });
        assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed").isEmpty())).hasSize(1);
        assertThat(commandsFor(documentId)).hasSize(before + 1);
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).hasSize(1);
    }

    @Test
    void keysAreScopedToTheAccount() {
        Family other = newFamily();
        HttpApi.Response mine = api.uploadFile(childId, "a.pdf", pdf(), "Idempotency-Key", "shared-key");
        HttpApi.Response theirs = other.api().uploadFile(other.childId(), "a.pdf", pdf(), "Idempotency-Key", "shared-key");
        assertThat(mine.status()).isEqualTo(202);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(202);
        assertThat(theirs.json().path("documentId")).isNotEqualTo(mine.json().path("documentId"));
    }

    @Test
    void malformedKeysAreRefusedBeforeAnythingHappens() {
        UUID documentId = scannedDocument();
        var before = endOffsets(Topics.COMMANDS);
        for (String key : List.of("x".repeat(256), "has space")) {
            HttpApi.Response r = api.post(docPath(documentId) + "/confirm-scan", null, "Idempotency-Key", key);
            assertThat(r.status()).as(key + " -> " + r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        }
        assertThat(endOffsets(Topics.COMMANDS)).isEqualTo(before);
    }

    /** The instance that claimed the key died before its command reached Kafka (simulated: a claim row only). */
    @Test
    void aClaimAbandonedBeforeItsCommandWasSentIsTakenOverWithTheClaimedCommandId() {
        UUID documentId = scannedDocument();
        String path = docPath(documentId) + "/confirm-scan";
        UUID claimed = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO idempotency_keys (account_id, idempotency_key, fingerprint, command_id, created_at, expires_at)
                        VALUES (:account, 'abandoned-1', :fingerprint, :command, now() - interval '1 hour', now() + interval '1 day')""")
                .param("account", accountId)
                .param("fingerprint", RequestFingerprint.of("POST", path, null))
                .param("command", claimed)
                .update();

        HttpApi.Response retry = api.post(path, null, "Idempotency-Key", "abandoned-1");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().path("commandId").asString()).isEqualTo(claimed.toString());
        assertThat(commandsFor(documentId)).extracting(Command::commandId).containsOnlyOnce(claimed);
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).hasSize(1);
        // and the response is stored now: the next retry replays it
        HttpApi.Response again = api.post(path, null, "Idempotency-Key", "abandoned-1");
        assertThat(again.body()).isEqualTo(retry.body());
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
    }

    /** The instance died after its command reached Kafka, before it stored the response. */
    @Test
    void aClaimAbandonedAfterItsCommandWasSentMakesNoSecondCommand() {
        UUID documentId = scannedDocument();
        String path = docPath(documentId) + "/confirm-scan";
        HttpApi.Response first = api.post(path, null, "Idempotency-Key", "abandoned-2");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        // its instance died: no response long after the claim
        jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = NULL, response_headers = NULL, response_body = NULL,
                               created_at = now() - interval '1 hour'
                         WHERE account_id = :account AND idempotency_key = 'abandoned-2'""")
                .param("account", accountId)
                .update();

        HttpApi.Response retry = api.post(path, null, "Idempotency-Key", "abandoned-2");

        // the same command again: the pipeline answers DUPLICATE with the original outcome (not "pending")
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header("Location")).hasValue(docPath(documentId));
        UUID commandId = UUID.fromString(first.json().path("commandId").asString());
        assertThat(retry.json().path("commandId").asString()).isEqualTo(commandId.toString());
        assertThat(commandsFor(documentId)).extracting(Command::commandId).filteredOn(commandId::equals).hasSize(2);
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).hasSize(1);
    }

    /** The request failed (Kafka unavailable, say) but its command may still be delivered by the producer. */
    @Test
    void aRetryAfterAFailedRequestSendsTheSameCommandBytes() {
        Caller caller = new Caller(accountId);
        Supplier<String> fingerprint = () -> RequestFingerprint.of("POST", "/failing", null);
        UUID documentId = UUID.randomUUID();
        List<UUID> built = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        Function<UUID, Command> newCommand = commandId -> {
            built.add(commandId);
            return new Command(commandId, documentId, Instant.now(), caller.actor(), new Rescan(built.size()));
        };

        assertThatThrownBy(() -> idempotency.run(caller, "failed-1", fingerprint, newCommand, command -> {
            sent.add(command.bytes());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE", "timed out");
        })).isInstanceOf(ApiProblem.class);
        IdempotentCommands.Result afterException = idempotency.run(caller, "failed-1", fingerprint, newCommand,
                command -> {
                    sent.add(command.bytes());
                    return new HttpReply(503, Map.of(), new byte[0]); // a 5xx answer fails the same way
                });
        IdempotentCommands.Result afterFailedReply = idempotency.run(caller, "failed-1", fingerprint, newCommand,
                command -> {
                    sent.add(command.bytes());
                    return new HttpReply(202, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
                });

        assertThat(afterException.reply().status()).isEqualTo(503);
        assertThat(afterFailedReply.reply().status()).isEqualTo(202);
        assertThat(afterFailedReply.replayed()).isFalse();
        // built once; every takeover sent the kept bytes, not a command built again
        assertThat(built).hasSize(1);
        assertThat(sent).hasSize(3).allSatisfy(bytes -> assertThat(bytes).isEqualTo(sent.getFirst()));
        assertThat(EncodedCommand.decode(sent.getFirst()).command().commandId()).isEqualTo(built.getFirst());
        IdempotentCommands.Result replay = idempotency.run(caller, "failed-1", fingerprint, newCommand, command -> {
            throw new AssertionError("a stored response must be replayed, not run again");
        });
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.reply().status()).isEqualTo(202);
    }

    /**
     * A rescan's instance died after sending, before storing the response; the retry takes the claim over.
     * It resends the kept bytes exactly (same commandId, same issuedAt, same supersedesAttempt), not a
     * command built again from the retry.
     */
    @Test
    void aTakeoverResendsTheExactCommandBytesTheClaimSent() {
        UUID documentId = scannedDocument();
        String path = docPath(documentId) + "/rescan";
        HttpApi.Response first = api.post(path, "{\"supersedesAttempt\":1}", "Idempotency-Key", "takeover-bytes");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        UUID commandId = UUID.fromString(first.json().path("commandId").asString());
        abandonAfterSend("takeover-bytes");

        HttpApi.Response retry = api.post(path, "{\"supersedesAttempt\":1}", "Idempotency-Key", "takeover-bytes");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().path("commandId").asString()).isEqualTo(commandId.toString());
        List<String> sentValues = TopicReader.readCommitted().readAll(Topics.COMMANDS).stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .filter(r -> r.value().contains(commandId.toString()))
                .map(r -> r.value())
                .toList();
        assertThat(sentValues).hasSize(2);
        assertThat(sentValues.get(1)).isEqualTo(sentValues.get(0));
        assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).hasSize(2);
    }
}
