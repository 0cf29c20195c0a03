package dev.docpipe.model.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Given/when/then for the document aggregate: the given events are folded with {@link Transition#apply},
 * the input goes through {@link DocumentDecider}, and the emitted events are folded onto the result so
 * that the document after the step can be checked too.
 *
 * <pre>
 * given(historyIn(SCANNED)).when(new ConfirmScan()).expect(ACCEPTED, OCR_QUEUED, ScanConfirmed.class, OcrRequested.class);
 * </pre>
 */
public final class DocumentFixture {
    private final LeasePolicy leases;
    private final List<DocumentEvent> history;
    private final Document document;

    private DocumentFixture(LeasePolicy leases, List<DocumentEvent> history) {
        this.leases = leases;
        this.history = List.copyOf(history);
        this.document = history.isEmpty()
                ? null
                : Transition.apply(null, TestData.DOC, history, TestData.HISTORY_CAUSE, TestData.T0).after();
    }

    public static DocumentFixture givenNoDocument() {
        return new DocumentFixture(TestData.LEASES, List.of());
    }

    public static DocumentFixture given(DocumentEvent... events) {
        return given(List.of(events));
    }

    public static DocumentFixture given(List<DocumentEvent> events) {
        assertThat(events).as("given history").isNotEmpty();
        return new DocumentFixture(TestData.LEASES, events);
    }

    public static DocumentFixture givenState(DocumentState state) {
        return given(TestData.historyIn(state));
    }

    /** The same history with more events appended. */
    public DocumentFixture and(DocumentEvent... more) {
        List<DocumentEvent> events = new ArrayList<>(history);
        events.addAll(Arrays.asList(more));
        return new DocumentFixture(leases, events);
    }

    public DocumentFixture withLeases(LeasePolicy policy) {
        return new DocumentFixture(policy, history);
    }

    /** The document folded from the given history (null if none). */
    public Document document() {
        return document;
    }

    public List<DocumentEvent> history() {
        return history;
    }

    public Then when(CommandPayload payload) {
        return when(TestData.command(payload));
    }

    public Then when(Command command) {
        return when(command, TestData.NOW);
    }

    public Then when(Command command, Instant now) {
        Decision decision = new DocumentDecider(leases).decide(document, command, now);
        assertThat(new DocumentDecider(leases).decide(document, command, now))
                .as("deciding the same command on the same state again")
                .isEqualTo(decision);
        return new Then(this, decision.status(), decision.reason(), decision.events(), command.commandId(), now);
    }

    public Then whenResult(JobResult result) {
        assertThat(document).as("a result needs a document").isNotNull();
        List<DocumentEvent> events = new DocumentDecider(leases).onResult(document, result);
        return new Then(this, null, null, events, result.jobId(), TestData.NOW);
    }

    public Then whenClock(Instant now) {
        assertThat(document).as("the clock needs a document").isNotNull();
        List<DocumentEvent> events = new DocumentDecider(leases).onClock(document, now);
        return new Then(this, null, null, events, TestData.HISTORY_CAUSE, now);
    }

    /** What one step produced, and the document after it. */
    public static final class Then {
        private final DocumentFixture given;
        private final OutcomeStatus status;
        private final Reason reason;
        private final List<DocumentEvent> events;
        private final Transition transition;

        private Then(DocumentFixture given, OutcomeStatus status, Reason reason, List<DocumentEvent> events,
                UUID cause, Instant now) {
            this.given = given;
            this.status = status;
            this.reason = reason;
            this.events = List.copyOf(events);
            this.transition = Transition.apply(given.document, TestData.DOC, this.events, cause, now);
            long versionBefore = given.document == null ? 0 : given.document.version();
            if (!this.events.isEmpty()) {
                assertThat(transition.after().version())
                        .as("version counts the events applied")
                        .isEqualTo(versionBefore + this.events.size());
                assertThat(transition.recorded()).extracting(RecordedEvent::version)
                        .as("recorded event versions are consecutive")
                        .containsExactlyElementsOf(range(versionBefore + 1, this.events.size()));
            }
        }

        private static List<Long> range(long from, int count) {
            List<Long> versions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                versions.add(from + i);
            }
            return versions;
        }

        /** Asserts the outcome of a command and the exact types, in order, of the events it emitted. */
        @SafeVarargs
        public final Then expect(OutcomeStatus expectedStatus, Reason expectedReason,
                Class<? extends DocumentEvent>... eventTypes) {
            assertThat(status).as("outcome status (reason was %s)", reason).isEqualTo(expectedStatus);
            assertThat(reason).as("outcome reason").isEqualTo(expectedReason);
            if (expectedStatus != OutcomeStatus.ACCEPTED) {
                assertThat(eventTypes).as("a command that is not ACCEPTED emits nothing").isEmpty();
            }
            return expectEvents(eventTypes);
        }

        /** Asserts the exact types, in order, of the events emitted. */
        @SafeVarargs
        public final Then expectEvents(Class<? extends DocumentEvent>... eventTypes) {
            assertThat(events.stream().map(DocumentEvent::type).toList())
                    .as("types of the emitted events")
                    .containsExactlyElementsOf(Arrays.stream(eventTypes).map(Class::getSimpleName).toList());
            return this;
        }

        public Then expectNoEvents() {
            assertThat(events).as("emitted events").isEmpty();
            return this;
        }

        public Then expectState(DocumentState state) {
            assertThat(document().state()).as("document state after the step").isEqualTo(state);
            return this;
        }

        /** Only the version moved (by the number of events): every other field is as before. */
        public Then expectUnchangedExceptVersion() {
            assertThat(document()).usingRecursiveComparison().ignoringFields("version").isEqualTo(given.document);
            assertThat(document().version()).isEqualTo(given.document.version() + events.size());
            return this;
        }

        public <T extends DocumentEvent> T event(int index, Class<T> type) {
            assertThat(events).as("emitted events").hasSizeGreaterThan(index);
            assertThat(events.get(index)).isInstanceOf(type);
            return type.cast(events.get(index));
        }

        public List<DocumentEvent> events() {
            return events;
        }

        public List<RecordedEvent> recorded() {
            return transition.recorded();
        }

        /** The document after the emitted events were applied. */
        public Document document() {
            return transition.after();
        }

        /** Continues from here: the given history plus what this step emitted. */
        public DocumentFixture next() {
            List<DocumentEvent> all = new ArrayList<>(given.history);
            all.addAll(events);
            return new DocumentFixture(given.leases, all);
        }
    }
}
