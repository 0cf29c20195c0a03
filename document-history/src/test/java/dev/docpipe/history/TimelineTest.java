package dev.docpipe.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fold both `docpipe history` and the operator console show. */
class TimelineTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final UUID documentId = UUID.randomUUID();
    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
    private final FileRef file = new FileRef("sha256:ab", "application/pdf", 54, "scan.pdf");

    @Test
    void eachStepCarriesTheStateAfterItAndItsTraceAndADecisionComesBeforeTheEventsItCaused() {
        UUID register = UUID.randomUUID();
        Job scan = new Job(UUID.randomUUID(), documentId, JobKind.SCAN, 1, file, t0.plusSeconds(30), null);
        List<Located<RecordedEvent>> events = List.of(
                located(new RecordedEvent(UUID.randomUUID(), documentId, 1, t0, register,
                        new DocumentRegistered(UUID.randomUUID(), "parent", file)), Topics.EVENTS, 0, TRACE),
                located(new RecordedEvent(UUID.randomUUID(), documentId, 2, t0, register, new ScanRequested(scan, 1)),
                        Topics.EVENTS, 1, TRACE));
        UUID again = UUID.randomUUID();
        List<Located<CommandOutcome>> outcomes = List.of(
                located(outcome(register, OutcomeStatus.ACCEPTED, Reason.DOCUMENT_REGISTERED, t0, List.of(scan.jobId())),
                        Topics.COMMAND_OUTCOMES, 0, TRACE),
                located(outcome(again, OutcomeStatus.ALREADY_DONE, Reason.DOCUMENT_EXISTS, t0.plusSeconds(1), List.of()),
                        Topics.COMMAND_OUTCOMES, 1, null));
        Command pending = new Command(UUID.randomUUID(), documentId, t0.plusSeconds(2), "parent",
                new RegisterDocument(UUID.randomUUID(), file));
        Timeline timeline = new Timeline(events, outcomes, List.of(located(pending, Topics.COMMANDS, 5, null)));

        List<TimelineEntry> entries = timeline.entries(null);

        assertThat(entries).extracting(TimelineEntry::kind, TimelineEntry::type)
                .containsExactly(
                        tuple("outcome", "RegisterDocument"),
                        tuple("event", "DocumentRegistered"),
                        tuple("event", "ScanRequested"),
                        tuple("outcome", "RegisterDocument"),
                        tuple("command", "RegisterDocument"));
        assertThat(entries).extracting(TimelineEntry::state)
                .containsExactly("SCAN_PENDING", "SCAN_PENDING", "SCAN_PENDING", "SCAN_PENDING", null);
        assertThat(entries).extracting(TimelineEntry::traceId).containsExactly(TRACE, TRACE, TRACE, null, null);
        assertThat(entries.get(3).detail().path("status").asString()).isEqualTo("ALREADY_DONE");
        assertThat(Timeline.jobs(events, Timeline.state(events).document()))
                .singleElement().satisfies(j -> assertThat(j.fate()).isEqualTo("in flight"));
    }

    private <T> Located<T> located(T value, String topic, long offset, String traceId) {
        return new Located<>(value, topic, 0, offset, traceId);
    }

    private CommandOutcome outcome(UUID commandId, OutcomeStatus status, Reason reason, Instant at, List<UUID> jobs) {
        return new CommandOutcome(commandId, documentId, "RegisterDocument", status, reason, null,
                DocumentState.SCAN_PENDING, 2, 0, 1, jobs, at);
    }
}
