package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandLog;
import dev.docpipe.api.commands.CommandService;
import dev.docpipe.api.commands.EncodedCommand;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.api.waiting.CommandWaits;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.readmodel.DocumentChangeLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * GET with Prefer: wait on a document and on a command, against the real pipeline: each on the main port and on the
 * wait listener (the change itself is always decided through the main port).
 */
class LongPollIntegrationTest extends ApiIntegrationTest {

    @Autowired
    MeterRegistry metrics;

    @Autowired
    CommandService commandService;

    @Autowired
    CommandLog commandLog;

    @Autowired
    CommandWaits commandWaits;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private double documentWaiters() {
        return metrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value();
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aWaitingGetAnswersWithinTwoHundredMillisecondsOfTheChange(WaitPort target) throws Exception {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();
        HttpApi.Response before = api.get(docPath(documentId));
        String etag = before.header("ETag").orElseThrow();
        AtomicLong committedAt = new AtomicLong();
        try (Connection listener = DriverManager.getConnection(TestStack.get().jdbcUrl, TestStack.get().dbUser,
                TestStack.get().dbPassword)) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + DocumentChangeLog.CHANNEL);
            }
            double waitersBefore = documentWaiters();
            CompletableFuture<HttpApi.Timed> waiting = waits.getAsync(docPath(documentId),
                    "If-None-Match", etag, "Prefer", "wait=3600");
            await().atMost(Duration.ofSeconds(10)).until(() -> documentWaiters() > waitersBefore);
            assertThat(waiting).isNotDone();

            workers.scanSucceeded(workers.awaitJob(Topics.SCAN_JOBS, documentId, 1));
            // when the change became visible: PostgreSQL tells every listener at the projector's commit
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (committedAt.get() == 0 && System.nanoTime() < deadline) {
                PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(100);
                long now = System.nanoTime();
                for (PGNotification n : got == null ? new PGNotification[0] : got) {
                    if (DocumentChangeLog.parse(n.getParameter()).stream()
                            .anyMatch(notice -> notice.documentId().equals(documentId))) {
                        committedAt.compareAndSet(0, now);
                    }
                }
            }
            HttpApi.Timed answer = waiting.get(30, TimeUnit.SECONDS);

            assertThat(committedAt.get()).as("the projector committed the change").isNotZero();
            assertThat(answer.response().status()).as(answer.response().toString()).isEqualTo(200);
            assertThat(answer.response().json().path("state").asString()).isEqualTo("SCANNED");
            assertThat(answer.response().header("ETag")).isPresent().get().isNotEqualTo(etag);
            assertThat(answer.response().header("Preference-Applied")).contains("wait=30"); // capped (max-wait)
            assertThat(Duration.ofNanos(answer.arrivedNanos() - committedAt.get()))
                    .as("from the commit of the change to the waiting client's answer")
                    .isLessThan(Duration.ofMillis(200));
        }
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aWaitWithoutChangeAnswers304WhenItEnds(WaitPort target) {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();
        String etag = api.get(docPath(documentId)).header("ETag").orElseThrow();

        long started = System.nanoTime();
        HttpApi.Response r = waits.get(docPath(documentId), "If-None-Match", etag, "Prefer", "wait=1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(r.status()).as(r.toString()).isEqualTo(304);
        assertThat(r.header("ETag")).contains(etag);
        assertThat(r.header("Preference-Applied")).contains("wait=1");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void withoutAMatchingETagOrWithoutPreferNothingWaits(WaitPort target) {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();
        String etag = api.get(docPath(documentId)).header("ETag").orElseThrow();

        HttpApi.Response stale = waits.get(docPath(documentId), "If-None-Match", "\"0\"", "Prefer", "wait=30");
        HttpApi.Response plain = waits.get(docPath(documentId), "If-None-Match", etag);
        HttpApi.Response otherPreference = waits.get(docPath(documentId), "Prefer", "return=minimal");

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.header("ETag")).contains(etag);
        assertThat(plain.status()).isEqualTo(304);
        assertThat(plain.header("Preference-Applied")).isEmpty();
        assertThat(otherPreference.status()).isEqualTo(200);
        assertThat(otherPreference.json().path("documentId").asString()).isEqualTo(documentId.toString());
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aWaitOnAnotherFamilysDocumentIs404(WaitPort target) {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();
        String etag = api.get(docPath(documentId)).header("ETag").orElseThrow();
        HttpApi stranger = waits.as(newFamily().token());

        HttpApi.Response r = stranger.get(docPath(documentId), "If-None-Match", etag, "Prefer", "wait=5");
        HttpApi.Response command = stranger.get("/api/v1/commands/" + UUID.randomUUID(), "Prefer", "wait=5");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("CHILD_NOT_FOUND");
        assertThat(command.status()).isEqualTo(404);
        assertThat(command.code()).isEqualTo("COMMAND_NOT_FOUND");
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aWaitWithoutATokenOrWithABadOneIs401(WaitPort target) {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();

        HttpApi.Response none = waits.anonymous().get(docPath(documentId), "Prefer", "wait=5");
        HttpApi.Response bad = waits.as("not.a.token").get(docPath(documentId), "Prefer", "wait=5");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.code()).isEqualTo("INVALID_TOKEN");
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aWaitingCommandGetAnswersWithTheOutcomeAsSoonAsItIsDecided(WaitPort target) throws Exception {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = scannedDocument();
        Command confirm = commandService.command(new Caller(accountId), UUID.randomUUID(), documentId,
                new ConfirmScan());
        // as if a POST had answered 202: the command is known as pending, its outcome not decided yet
        commandLog.recordPending(confirm, accountId, childId);
        String path = "/api/v1/commands/" + confirm.commandId();
        HttpApi.Response pending = waits.get(path);
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.header("ETag")).contains("\"pending\"");

        int waitersBefore = commandWaits.waitingCount();
        CompletableFuture<HttpApi.Timed> waiting = waits.getAsync(path, "If-None-Match", "\"pending\"",
                "Prefer", "wait=20");
        await().atMost(Duration.ofSeconds(10)).until(() -> commandWaits.waitingCount() > waitersBefore);
        kafka.send(new ProducerRecord<>(Topics.COMMANDS, documentId.toString(), EncodedCommand.of(confirm).bytes()))
                .get(10, TimeUnit.SECONDS);
        HttpApi.Response decided = waiting.get(30, TimeUnit.SECONDS).response();

        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(decided.header("Preference-Applied")).contains("wait=20");
        assertThat(decided.header("ETag")).isPresent().get().isNotEqualTo("\"pending\"");
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aCommandStillPendingWhenTheWaitEndsIs304ToAConditionalRequestElse202(WaitPort target) {
        HttpApi waits = waitingOn(target, api);
        UUID documentId = upload();
        Command neverSent = commandService.command(new Caller(accountId), UUID.randomUUID(), documentId,
                new ConfirmScan());
        commandLog.recordPending(neverSent, accountId, childId);
        String path = "/api/v1/commands/" + neverSent.commandId();

        HttpApi.Response conditional = waits.get(path, "If-None-Match", "\"pending\"", "Prefer", "wait=1");
        HttpApi.Response unconditional = waits.get(path, "Prefer", "wait=1");

        assertThat(conditional.status()).as(conditional.toString()).isEqualTo(304);
        assertThat(conditional.header("Preference-Applied")).contains("wait=1");
        assertThat(unconditional.status()).isEqualTo(202);
        assertThat(unconditional.json().path("status").asString()).isEqualTo("PENDING");
    }
}
