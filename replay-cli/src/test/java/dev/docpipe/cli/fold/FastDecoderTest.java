package dev.docpipe.cli.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast decoder reads exactly what ModelJson reads, and refuses what it refuses, for the same reason. */
class FastDecoderTest {
    @Test
    void decodesEveryEventTypeLikeModelJson() {
        List<RecordedEvent> events = history();
        assertThat(events).extracting(RecordedEvent::type).contains("DocumentRegistered", "ScanRequested",
                "DocumentScanned", "ScanConfirmed", "OcrRequested", "TextExtracted", "ReviewEdited",
                "StaleJobResultIgnored");
        for (RecordedEvent e : events) {
            byte[] bytes = ModelJson.EVENTS.encode(e);
            assertThat(FastDecoder.tryEvent(bytes)).as("fast path for " + e.type()).isEqualTo(e);
            assertThat(FastDecoder.event(bytes)).isEqualTo(ModelJson.EVENTS.decode(bytes)).isEqualTo(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[1,2]",
        "{\"type\":\"ScanConfirmed\"}",
        "{\"schemaVersion\":3,\"type\":\"ScanConfirmed\"}",
        "{\"schemaVersion\":1,\"type\":\"Exploded\",\"data\":{}}",
        "{\"schemaVersion\":1,\"type\":\"ScanConfirmed\",\"eventId\":\"1-1-1-1-1\",\"documentId\":\"%s\",\"version\":1,"
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"scanAttempt\":1}}",
        "{\"schemaVersion\":1,\"type\":\"ScanConfirmed\",\"eventId\":\"%s\",\"documentId\":\"%s\",\"version\":\"1\","
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"scanAttempt\":1}}",
        "{\"schemaVersion\":1,\"type\":\"ScanConfirmed\",\"eventId\":\"%s\",\"documentId\":\"%s\",\"version\":0,"
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"scanAttempt\":1}}",
        "{\"schemaVersion\":1,\"type\":\"ScanConfirmed\",\"eventId\":\"%s\",\"documentId\":\"%s\",\"version\":1,"
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"scanAttempt\":1.5}}",
        "{\"schemaVersion\":1,\"type\":\"ScanConfirmed\",\"eventId\":\"%s\",\"documentId\":\"%s\",\"version\":1,"
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"scanAttempt\":1}} trailing",
        "{\"schemaVersion\":1,\"type\":\"TextExtracted\",\"eventId\":\"%s\",\"documentId\":\"%s\",\"version\":1,"
            + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"causationId\":\"%s\",\"data\":{\"jobId\":null}}"})
    void refusesWhatModelJsonRefusesForTheSameReason(String template) {
        String text = template.replaceFirst("%s", UUID.randomUUID().toString())
                .replaceFirst("%s", UUID.randomUUID().toString()).replaceFirst("%s", UUID.randomUUID().toString());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RejectedRecordException expected = catchThrowableOfType(RejectedRecordException.class,
                () -> ModelJson.EVENTS.decode(bytes));
        assertThat(expected).as("ModelJson refuses " + text).isNotNull();
        assertThatThrownBy(() -> FastDecoder.event(bytes)).isInstanceOf(RejectedRecordException.class)
                .extracting(e -> ((RejectedRecordException) e).reason()).isEqualTo(expected.reason());
    }

    @Test
    void decodesJobsLikeModelJson() {
        List<dev.docpipe.model.job.Job> jobs = dev.docpipe.model.event.RequestedJobs.in(history());
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(3).extracting(dev.docpipe.model.job.Job::engineVersion)
                .contains(null, "v9");
        for (dev.docpipe.model.job.Job job : jobs) {
            byte[] bytes = ModelJson.JOBS.encode(job);
            assertThat(FastDecoder.tryJob(bytes)).isEqualTo(job);
            assertThat(FastDecoder.job(bytes)).isEqualTo(ModelJson.JOBS.decode(bytes));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"schemaVersion\":3,\"jobId\":1}", "{\"schemaVersion\":1}",
        "{\"schemaVersion\":1,\"jobId\":\"%s\",\"documentId\":\"%s\",\"kind\":\"PRINT\",\"attempt\":1,"
            + "\"file\":{\"blobRef\":\"b\",\"contentType\":\"c\",\"sizeBytes\":1,\"fileName\":null},"
            + "\"deadline\":\"2026-01-05T10:00:00Z\",\"engineVersion\":null}",
        "{\"schemaVersion\":1,\"jobId\":\"%s\",\"documentId\":\"%s\",\"kind\":\"OCR\",\"attempt\":0,"
            + "\"file\":{\"blobRef\":\"b\",\"contentType\":\"c\",\"sizeBytes\":1,\"fileName\":null},"
            + "\"deadline\":\"2026-01-05T10:00:00Z\",\"engineVersion\":null}"})
    void refusesJobsModelJsonRefusesForTheSameReason(String template) {
        String text = template.replaceFirst("%s", UUID.randomUUID().toString())
                .replaceFirst("%s", UUID.randomUUID().toString());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RejectedRecordException expected = catchThrowableOfType(RejectedRecordException.class,
                () -> ModelJson.JOBS.decode(bytes));
        assertThat(expected).as("ModelJson refuses " + text).isNotNull();
        assertThat(FastDecoder.tryJob(bytes)).isNull();
        assertThatThrownBy(() -> FastDecoder.job(bytes)).isInstanceOf(RejectedRecordException.class)
                .extracting(e -> ((RejectedRecordException) e).reason()).isEqualTo(expected.reason());
    }

    @Test
    void acceptsOtherFieldOrdersThroughTheReferenceDecoder() {
        RecordedEvent e = history().get(3);
        String canonical = new String(ModelJson.EVENTS.encode(e), StandardCharsets.UTF_8);
        String reordered = canonical.replace("{\"schemaVersion\":2,", "{").replaceFirst("}$", ",\"schemaVersion\":2}");
        assertThat(FastDecoder.tryEvent(reordered.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(FastDecoder.event(reordered.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    }

    /** Events of schemaVersion 1 (DocumentRegistered.owner) are upcast by the reference decoder, not misread fast. */
    @Test
    void upcastsOlderVersionsThroughTheReferenceDecoder() {
        RecordedEvent registered = history().get(0);
        String v2 = new String(ModelJson.EVENTS.encode(registered), StandardCharsets.UTF_8);
        byte[] v1 = v2.replace("{\"schemaVersion\":2,", "{\"schemaVersion\":1,").replace("\"ownerAccountId\":", "\"owner\":")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(registered.type()).isEqualTo("DocumentRegistered");
        assertThat(FastDecoder.tryEvent(v1)).isNull();
        assertThat(FastDecoder.event(v1)).isEqualTo(registered);
    }

    /** Readers of the log ignore fields they do not know; the fast path steps aside and the reference reads them. */
    @Test
    void acceptsUnknownFieldsThroughTheReferenceDecoder() {
        RecordedEvent e = history().get(3);
        String canonical = new String(ModelJson.EVENTS.encode(e), StandardCharsets.UTF_8);
        byte[] withExtra = canonical.replaceFirst("}$", ",\"nextRelease\":true}").getBytes(StandardCharsets.UTF_8);
        assertThat(FastDecoder.event(withExtra)).isEqualTo(e);

        dev.docpipe.model.job.Job job = dev.docpipe.model.event.RequestedJobs.in(history()).get(0);
        String jobText = new String(ModelJson.JOBS.encode(job), StandardCharsets.UTF_8);
        assertThat(FastDecoder.job(jobText.replaceFirst("}$", ",\"priority\":9}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(job);
    }

    private static List<RecordedEvent> history() {
        DocumentDecider decider = new DocumentDecider(LeasePolicy.DEFAULT);
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-01-05T10:00:00.123456789Z");
        List<RecordedEvent> events = new ArrayList<>();
        Document[] doc = {null};
        java.util.function.BiConsumer<UUID, List<DocumentEvent>> record = (cause, decided) -> {
            Transition t = Transition.apply(doc[0], id, decided, cause, now);
            doc[0] = t.after();
            events.addAll(t.recorded());
        };
        java.util.function.Consumer<dev.docpipe.model.command.CommandPayload> command = payload -> {
            Command c = new Command(UUID.randomUUID(), id, now, "a", payload);
            Decision d = decider.decide(doc[0], c, now);
            record.accept(c.commandId(), d.events());
        };
        command.accept(new RegisterDocument(UUID.randomUUID(), new FileRef("sha256:" + "1".repeat(64), "image/png", 5,
                null)));
        record.accept(UUID.randomUUID(), decider.onResult(doc[0], new ScanSucceeded(doc[0].currentJob().jobId(), id,
                now, new ScanReport("image/png", null, 10, 10, null, null, null, List.of("blurry")))));
        command.accept(new ConfirmScan());
        record.accept(UUID.randomUUID(), decider.onResult(doc[0], new OcrSucceeded(doc[0].currentJob().jobId(), id,
                now, "sha256:" + "2".repeat(64), 3, "tesseract", "5.3")));
        command.accept(new EditReview(0, new ReviewPatch("t", null, null, List.of("a", "b"), "text")));
        command.accept(new ReprocessOcr("v9"));
        record.accept(UUID.randomUUID(), List.of(new StaleJobResultIgnored(UUID.randomUUID(), "OcrFailed", null)));
        return events;
    }
}
