package dev.docpipe.readmodel;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.personaldata.PersonalFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Produces a document's events the way the pipeline does: decider + fold, versions 1, 2, 3, … */
final class EventHistory {
    private static final DocumentDecider DECIDER = new DocumentDecider(LeasePolicy.DEFAULT);

    final UUID documentId = UUID.randomUUID();
    final UUID childId;
    private final List<RecordedEvent> events = new ArrayList<>();
    private Document document;
    private Instant clock = Instant.parse("2026-01-05T10:00:00.123456789Z");

    private EventHistory(UUID childId) {
        this.childId = childId;
    }

    static EventHistory registered() {
        return registered(UUID.randomUUID());
    }

    static EventHistory registered(UUID childId) {
        EventHistory h = new EventHistory(childId);
        h.command(new RegisterDocument(h.childId,
                new FileRef("sha256:" + "a".repeat(64), "application/pdf", 1234, "report.pdf")));
        return h;
    }

    /** A document whose file name is sealed under its own data key (created here), as the API registers one. */
    static EventHistory registeredSealed(PersonalFields fields, UUID childId, FileRef file) {
        EventHistory h = new EventHistory(childId);
        fields.keys().create(h.documentId, childId);
        h.command(new RegisterDocument(childId, fields.seal(h.documentId, file)));
        return h;
    }

    EventHistory command(CommandPayload payload) {
        Command command = new Command(UUID.randomUUID(), documentId, tick(), "account-1", payload);
        Decision decision = DECIDER.decide(document, command, clock);
        record(command.commandId(), decision.events());
        return this;
    }

    EventHistory scanned() {
        return result(new ScanSucceeded(document.currentJob().jobId(), documentId, tick(),
                new ScanReport("application/pdf", 2, null, null, 300, "de", true, List.of())));
    }

    EventHistory extracted() {
        return result(new OcrSucceeded(document.currentJob().jobId(), documentId, tick(),
                "sha256:" + "b".repeat(64), 42, "tesseract", "5.3"));
    }

    EventHistory extracted(String textRef) {
        return result(new OcrSucceeded(document.currentJob().jobId(), documentId, tick(), textRef, 42, "tesseract",
                "5.3"));
    }

    EventHistory result(JobResult result) {
        record(result.jobId(), DECIDER.onResult(document, result));
        return this;
    }

    private void record(UUID cause, List<DocumentEvent> decided) {
        for (DocumentEvent e : decided) {
            document = Document.evolve(document, documentId, e);
            events.add(new RecordedEvent(UUID.randomUUID(), documentId, document.version(), tick(), cause, e));
        }
    }

    private Instant tick() {
        clock = clock.plus(Duration.ofMillis(1500));
        return clock;
    }

    List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    Document document() {
        return document;
    }
}
