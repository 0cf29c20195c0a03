package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.SseStream;
import dev.docpipe.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * GET …/documents/changes: server-sent events per child, resumable with Last-Event-ID; each on the main port and on
 * the wait listener (uploads and confirmations always go through the main port).
 */
@ExtendWith(OutputCaptureExtension.class)
class ChangeStreamIntegrationTest extends ApiIntegrationTest {
    private static final Duration SOON = Duration.ofSeconds(30);

    private String changesPath(UUID child) {
        return "/api/v1/children/" + child + "/documents/changes";
    }

    private static String change(SseStream.Event e) {
        return e.json().path("documentId").asString() + "@" + e.json().path("version").asLong();
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aResumedStreamDeliversExactlyTheChangesMissedWhileDisconnected(WaitPort target) throws Exception {
        Family family = newFamily();
        HttpApi app = family.api();
        HttpApi streams = waitingOn(target, app);
        String path = changesPath(family.childId());
        UUID first;
        String lastSeen;
        try (SseStream stream = streams.openStream(path)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            HttpApi.Response upload = app.uploadFile(family.childId(), "a.pdf", pdf());
            first = UUID.fromString(upload.json().path("documentId").asString());
            // registration: DocumentRegistered and ScanRequested
            List<SseStream.Event> seen = stream.next(2, SOON);
            assertThat(seen).extracting(ChangeStreamIntegrationTest::change).containsExactly(first + "@1", first + "@2");
            assertThat(seen.get(1).json().path("state").asString()).isEqualTo("SCAN_PENDING");
            assertThat(seen.get(1).json().path("href").asString())
                    .isEqualTo("/api/v1/children/" + family.childId() + "/documents/" + first);
            assertThat(Long.parseLong(seen.get(1).id())).isGreaterThan(Long.parseLong(seen.get(0).id()));
            lastSeen = seen.get(1).id();
        }

        // while no stream is open: the scan of the first finishes, a second document arrives
        workers.scanSucceeded(workers.awaitJob(Topics.SCAN_JOBS, first, 1));
        UUID second = UUID.fromString(app.uploadFile(family.childId(), "b.pdf", pdf()).json()
                .path("documentId").asString());
        org.awaitility.Awaitility.await().atMost(SOON).until(() ->
                app.get("/api/v1/children/" + family.childId() + "/documents/" + first).json()
                        .path("state").asString().equals("SCANNED"));

        try (SseStream resumed = streams.openStream(path, "Last-Event-ID", lastSeen)) {
            List<SseStream.Event> missed = resumed.next(3, SOON);
            assertThat(missed).extracting(ChangeStreamIntegrationTest::change)
                    .containsExactlyInAnyOrder(first + "@3", second + "@1", second + "@2");
            assertThat(missed).extracting(e -> Long.parseLong(e.id())).isSorted()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(lastSeen)));

            // and then live: the next change is the confirmation, nothing missed is sent again
            assertThat(app.post("/api/v1/children/" + family.childId() + "/documents/" + first + "/confirm-scan",
                    null).status()).isEqualTo(202);
            SseStream.Event next = resumed.next(SOON);
            assertThat(next).isNotNull();
            assertThat(change(next)).isEqualTo(first + "@4");
            assertThat(next.json().path("event").asString()).isEqualTo("ScanConfirmed");
        }
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aLastEventIdBeyondTheChildsLogStartsAtItsHead(WaitPort target) throws Exception {
        Family family = newFamily();
        try (SseStream stream = waitingOn(target, family.api())
                .openStream(changesPath(family.childId()), "Last-Event-ID", "999999")) {
            UUID documentId = UUID.fromString(family.api().uploadFile(family.childId(), "c.pdf", pdf()).json()
                    .path("documentId").asString());

            assertThat(stream.next(2, SOON)).extracting(ChangeStreamIntegrationTest::change)
                    .containsExactly(documentId + "@1", documentId + "@2");
        }
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void anIdleStreamSendsHeartbeats(WaitPort target) throws Exception {
        try (SseStream stream = waitingOn(target, api).openStream(changesPath(childId))) {
            assertThat(stream.nextComment(Duration.ofSeconds(10))).isNotNull(); // the opening comment
            assertThat(stream.nextComment(Duration.ofSeconds(10))).isEqualTo("heartbeat");
        }
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void anotherFamilysOrAnUnknownChildIs404(WaitPort target) {
        HttpApi streams = waitingOn(target, api);
        HttpApi stranger = streams.as(newFamily().token());

        HttpApi.Response foreign = stranger.get(changesPath(childId), "Accept", "text/event-stream");
        HttpApi.Response unknown = streams.get(changesPath(UUID.randomUUID()), "Accept", "text/event-stream");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.code()).isEqualTo("CHILD_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(streams.anonymous().get(changesPath(childId)).status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentsTheStreamAndTheWaits() {
        var paths = api.anonymous().get("/v3/api-docs").json().path("paths");
        var changes = paths.path("/api/v1/children/{childId}/documents/changes").path("get");
        assertThat(changes.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(changes.path("parameters").toString()).contains("Last-Event-ID");
        assertThat(changes.path("responses").has("404")).isTrue();
        var document = paths.path("/api/v1/children/{childId}/documents/{documentId}").path("get");
        assertThat(document.path("parameters").toString()).contains("Prefer").contains("If-None-Match");
        assertThat(document.path("responses").has("304")).isTrue();
        var command = paths.path("/api/v1/commands/{commandId}").path("get");
        assertThat(command.path("parameters").toString()).contains("Prefer");
        assertThat(command.path("responses").has("304")).isTrue();
    }

    /**
     * As an EventSource asks (Accept: text/event-stream): a stream refused before it starts is answered with its
     * problem, not with a half-started stream whose error body cannot be written.
     */
    @Test
    void aStreamRefusedBeforeItStartsIsAProblemAsAnEventSourceAsksForIt(CapturedOutput output) {
        String eventSource = "text/event-stream";
        HttpApi stranger = api.as(newFamily().token());

        HttpApi.Response foreign = stranger.get(changesPath(childId), "Accept", eventSource);
        HttpApi.Response unknown = api.get(changesPath(UUID.randomUUID()), "Accept", eventSource);
        HttpApi.Response badId = api.get(changesPath(childId), "Accept", eventSource, "Last-Event-ID", "abc");

        assertThat(List.of(foreign, unknown)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("CHILD_NOT_FOUND");
        });
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.contentType()).startsWith("application/problem+json");
        assertThat(badId.code()).isEqualTo("INVALID_LAST_EVENT_ID");
        assertThat(output.getAll()).doesNotContain("No converter for").doesNotContain("HttpMessageNotWritable");
    }

    @ParameterizedTest
    @EnumSource(WaitPort.class)
    void aLastEventIdThatIsNoPositionIs400(WaitPort target) {
        HttpApi.Response r = waitingOn(target, api).get(changesPath(childId), "Last-Event-ID", "abc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_LAST_EVENT_ID");
    }
}
