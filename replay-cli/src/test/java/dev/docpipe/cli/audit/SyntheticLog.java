package dev.docpipe.cli.audit;

import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.Decision;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Documents' event logs made the way the pipeline makes them (decider + fold), for pure audit tests. */
final class SyntheticLog {
    static final DocumentDecider DECIDER = new DocumentDecider(LeasePolicy.DEFAULT);
    static final FileRef FILE = new FileRef("sha256:" + "b".repeat(64), "application/pdf", 10, "a.pdf");

    final List<LoggedEvent> log = new ArrayList<>();
    private long offset;
    Instant clock = Instant.parse("2026-01-05T10:00:00Z");

    final class Doc {
        final UUID id = UUID.randomUUID();
        Document document;

        Doc command(CommandPayload payload) {
            Command command = new Command(UUID.randomUUID(), id, clock, "account-1", payload);
            Decision decision = DECIDER.decide(document, command, clock);
            return record(command.commandId(), decision.events());
        }

        Doc result(JobResult result) {
            return record(result.jobId(), DECIDER.onResult(document, result));
        }

        Doc scanned() {
            return result(new ScanSucceeded(document.currentJob().jobId(), id, tick(),
                    new ScanReport("application/pdf", 1, null, null, null, "de", true, List.of())));
        }

        Doc extracted(String engineVersion) {
            return result(new OcrSucceeded(document.currentJob().jobId(), id, tick(), "sha256:" + "c".repeat(64), 5,
                    "tesseract", engineVersion));
        }

        Doc clockPassed(Duration d) {
            clock = clock.plus(d);
            return record(document.currentJob().jobId(), DECIDER.onClock(document, clock));
        }

        /** Appends an event as is (a bug or an injection), numbered as the next version. */
        Doc inject(DocumentEvent event) {
            RecordedEvent e = new RecordedEvent(UUID.randomUUID(), id, document.version() + 1, tick(),
                    UUID.randomUUID(), event);
            document = Document.evolve(document, id, event);
            append(e);
            return this;
        }

        Doc record(UUID cause, List<DocumentEvent> events) {
            Transition t = Transition.apply(document, id, events, cause, tick());
            document = t.after();
            t.recorded().forEach(SyntheticLog.this::append);
            return this;
        }
    }

    Doc registered() {
        Doc d = new Doc();
        d.command(new RegisterDocument(UUID.randomUUID(), FILE));
        return d;
    }

    void append(RecordedEvent e) {
        log.add(new LoggedEvent(e, 0, offset++, e.occurredAt().toEpochMilli(), true));
    }

    Instant tick() {
        clock = clock.plusMillis(10);
        return clock;
    }

    List<Violation> audit(Instant now) {
        List<Violation> violations = new ArrayList<>();
        Auditor auditor = new Auditor(now, Duration.ofMinutes(5), violations::add);
        log.forEach(auditor::onEvent);
        auditor.finish();
        return violations;
    }
}
