package dev.docpipe.model.document;

import static dev.docpipe.model.document.TestData.CHILD;
import static dev.docpipe.model.document.TestData.COMMAND_ID;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.OTHER_COMMAND_ID;
import static dev.docpipe.model.document.TestData.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Same input on the same state, same output: job and event ids are derived, never random. */
class DeterminismTest {
    /** Every command that dispatches a job, in a state where it does. */
    static Stream<Arguments> jobDispatchingCommands() {
        return Stream.of(
                Arguments.of(null, new RegisterDocument(CHILD, FILE)),
                Arguments.of(DocumentState.SCANNED, new ConfirmScan()),
                Arguments.of(DocumentState.SCANNED, new Rescan(1)),
                Arguments.of(DocumentState.SCAN_FAILED, new Rescan(1)),
                Arguments.of(DocumentState.OCR_FAILED, new RetryOcr(1)),
                Arguments.of(DocumentState.EXTRACTED, new ReprocessOcr("v2")));
    }

    private static Document documentIn(DocumentState state) {
        return state == null ? null : DocumentFixture.givenState(state).document();
    }

    private static Job onlyJob(Decision decision) {
        assertThat(decision.status()).isEqualTo(OutcomeStatus.ACCEPTED);
        List<Job> jobs = decision.events().stream()
                .flatMap(e -> e instanceof ScanRequested s ? Stream.of(s.job())
                        : e instanceof OcrRequested o ? Stream.of(o.job()) : Stream.empty())
                .toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    @ParameterizedTest
    @MethodSource("jobDispatchingCommands")
    void sameCommandOnTheSameStateGivesIdenticalEvents(DocumentState state, CommandPayload payload) {
        Decision first = new DocumentDecider(LEASES).decide(documentIn(state), command(payload), NOW);
        Decision second = new DocumentDecider(LEASES).decide(documentIn(state), command(payload), NOW);

        assertThat(second).isEqualTo(first);
        assertThat(onlyJob(second).jobId()).isEqualTo(onlyJob(first).jobId());
    }

    @ParameterizedTest
    @MethodSource("jobDispatchingCommands")
    void differentCommandIdsGiveDifferentJobIds(DocumentState state, CommandPayload payload) {
        Job first = onlyJob(new DocumentDecider(LEASES).decide(documentIn(state), command(COMMAND_ID, payload), NOW));
        Job second = onlyJob(new DocumentDecider(LEASES).decide(documentIn(state), command(OTHER_COMMAND_ID, payload), NOW));

        assertThat(second.jobId()).isNotEqualTo(first.jobId());
        assertThat(second).usingRecursiveComparison().ignoringFields("jobId").isEqualTo(first);
    }

    @Test
    void jobIdsAreDistinctAcrossTheLifeOfADocument() {
        var registered = DocumentFixture.givenNoDocument().when(command(new RegisterDocument(CHILD, FILE)));
        UUID scanJob = registered.event(1, ScanRequested.class).job().jobId();
        var scanned = registered.next().whenResult(TestData.scanSucceeded(scanJob));
        var rescanned = scanned.next().when(command(TestData.commandId(2), new Rescan(1)));
        UUID rescanJob = rescanned.event(0, ScanRequested.class).job().jobId();
        var confirmed = rescanned.next().whenResult(TestData.scanSucceeded(rescanJob)).next()
                .when(command(TestData.commandId(3), new ConfirmScan()));
        UUID ocrJob = confirmed.event(1, OcrRequested.class).job().jobId();

        assertThat(List.of(scanJob, rescanJob, ocrJob)).doesNotHaveDuplicates();
    }

    @Test
    void recordedEventIdsAreDerivedFromDocumentAndVersion() {
        List<DocumentEvent> history = TestData.historyIn(DocumentState.VALIDATED);
        List<RecordedEvent> first = Transition.apply(null, TestData.DOC, history, COMMAND_ID, NOW).recorded();
        List<RecordedEvent> again = Transition.apply(null, TestData.DOC, history, OTHER_COMMAND_ID, NOW).recorded();

        assertThat(first).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(first).extracting(RecordedEvent::eventId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(again.stream().map(RecordedEvent::eventId).toList());
        assertThat(first).extracting(RecordedEvent::causationId).containsOnly(COMMAND_ID);
    }

    @Test
    void foldingTheSameEventsTwiceGivesTheSameDocument() {
        List<DocumentEvent> history = TestData.historyIn(DocumentState.VALIDATED);

        assertThat(Transition.apply(null, TestData.DOC, history, COMMAND_ID, NOW).after())
                .isEqualTo(Transition.apply(null, TestData.DOC, history, OTHER_COMMAND_ID, NOW.plusSeconds(60)).after());
    }

    @Test
    void aHistoryMustStartWithRegistration() {
        assertThatThrownBy(() -> Document.evolve(null, TestData.DOC, TestData.confirmed(1)))
                .isInstanceOf(IllegalStateException.class);
        Document registered = Document.evolve(null, TestData.DOC, TestData.registered());
        assertThatThrownBy(() -> Document.evolve(registered, TestData.DOC, TestData.registered()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decisionsAreImmutable() {
        Decision decision = new DocumentDecider(LEASES).decide(null, command(new RegisterDocument(CHILD, FILE)), NOW);

        assertThatThrownBy(() -> decision.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
