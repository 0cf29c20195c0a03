package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.TestData;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.UnknownEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** encode then decode gives back the original, for every wire type; the wire form is the documented one. */
class CodecRoundTripTest {
    private static JsonNode wire(byte[] bytes) {
        return Wire.PLAIN.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    static List<Command> commands() {
        return Samples.commands();
    }

    static List<RecordedEvent> events() {
        return Samples.recordedEvents();
    }

    static List<JobResult> results() {
        return Samples.results();
    }

    static List<Job> jobs() {
        return Samples.jobs();
    }

    static List<CommandOutcome> outcomes() {
        return Samples.outcomes();
    }

    @Test
    void samplesCoverEveryCommandEventAndResultType() {
        assertThat(Samples.payloads().stream().map(p -> p.getClass().getSimpleName()).distinct())
                .containsExactlyInAnyOrderElementsOf(simpleNames(CommandPayload.class));
        assertThat(Samples.events().stream().map(DocumentEvent::type).distinct())
                .containsExactlyInAnyOrderElementsOf(simpleNames(DocumentEvent.class));
        assertThat(Samples.results().stream().map(JobResult::type).distinct())
                .containsExactlyInAnyOrderElementsOf(simpleNames(JobResult.class));
    }

    private static List<String> simpleNames(Class<?> sealed) {
        // UnknownEvent stands in for the types of a newer writer: it has no wire form of its own
        return Stream.of(sealed.getPermittedSubclasses()).filter(type -> type != UnknownEvent.class)
                .map(Class::getSimpleName).toList();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandRoundTrips(Command command) {
        byte[] bytes = ModelJson.COMMANDS.encode(command);

        assertThat(ModelJson.COMMANDS.decode(bytes)).isEqualTo(command);
        JsonNode node = wire(bytes);
        assertThat(node.propertyNames()).containsExactly(
                "schemaVersion", "type", "commandId", "documentId", "issuedAt", "actor", "payload");
        assertThat(node.get("schemaVersion").intValue()).isEqualTo(ModelJson.COMMANDS.schemaVersion());
        assertThat(node.get("type").stringValue()).isEqualTo(command.payload().getClass().getSimpleName());
        assertThat(node.get("issuedAt").stringValue()).isEqualTo("2025-03-01T10:15:30.123456789Z");
        assertThat(node.get("payload").isObject()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("events")
    void eventRoundTrips(RecordedEvent event) {
        byte[] bytes = ModelJson.EVENTS.encode(event);

        assertThat(ModelJson.EVENTS.decode(bytes)).isEqualTo(event);
        JsonNode node = wire(bytes);
        assertThat(node.propertyNames()).containsExactly(
                "schemaVersion", "type", "eventId", "documentId", "version", "occurredAt", "causationId", "data");
        assertThat(node.get("schemaVersion").intValue()).isEqualTo(ModelJson.EVENTS.schemaVersion());
        assertThat(node.get("type").stringValue()).isEqualTo(event.type());
        assertThat(node.get("data").isObject()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("results")
    void resultRoundTrips(JobResult result) {
        byte[] bytes = ModelJson.RESULTS.encode(result);

        assertThat(ModelJson.RESULTS.decode(bytes)).isEqualTo(result);
        JsonNode node = wire(bytes);
        assertThat(node.propertyNames()).startsWith("schemaVersion", "type", "jobId", "documentId");
        assertThat(node.get("type").stringValue()).isEqualTo(result.type());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void jobRoundTrips(Job job) {
        byte[] bytes = ModelJson.JOBS.encode(job);

        assertThat(ModelJson.JOBS.decode(bytes)).isEqualTo(job);
        JsonNode node = wire(bytes);
        assertThat(node.propertyNames()).startsWith("schemaVersion", "jobId").doesNotContain("type");
        assertThat(node.get("kind").stringValue()).isEqualTo(job.kind().name());
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void outcomeRoundTrips(CommandOutcome outcome) {
        byte[] bytes = ModelJson.OUTCOMES.encode(outcome);

        assertThat(ModelJson.OUTCOMES.decode(bytes)).isEqualTo(outcome);
        assertThat(wire(bytes).propertyNames()).startsWith("schemaVersion", "commandId").doesNotContain("type");
    }

    @Test
    void wireFormIsUtf8() {
        Command edit = Samples.command(new EditReview(0, Samples.FULL_PATCH));
        String text = new String(ModelJson.COMMANDS.encode(edit), StandardCharsets.UTF_8);

        assertThat(text).contains("äöü");
    }

    @Test
    void duplicateOutcomeKeepsTheOriginalStatus() {
        CommandOutcome twice = Samples.outcomes().get(4);

        assertThat(twice.originalStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(twice.effectiveStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(ModelJson.OUTCOMES.decode(ModelJson.OUTCOMES.encode(twice)).effectiveStatus())
                .isEqualTo(OutcomeStatus.ACCEPTED);
    }

    @Test
    void documentRoundTripsThroughThePlainStoreFormat() {
        Document document = Transition.apply(null, TestData.DOC, TestData.historyIn(DocumentState.VALIDATED),
                TestData.COMMAND_ID, TestData.NOW).after();
        Document pending = Transition.apply(null, TestData.DOC, TestData.historyIn(DocumentState.OCR_PENDING),
                TestData.COMMAND_ID, TestData.NOW).after();

        assertThat(ModelJson.read(ModelJson.write(document), Document.class)).isEqualTo(document);
        assertThat(ModelJson.read(ModelJson.write(pending), Document.class)).isEqualTo(pending);
    }

    /** The read model keeps documents in the plain form: one written before formerTextRefs existed still reads. */
    @Test
    void aDocumentStoredBeforeItKeptFormerTextsReadsWithNone() {
        Document document = Transition.apply(null, TestData.DOC, TestData.historyIn(DocumentState.EXTRACTED),
                TestData.COMMAND_ID, TestData.NOW).after();
        var tree = (tools.jackson.databind.node.ObjectNode) ModelJson.tree(document);
        tree.remove("formerTextRefs");
        assertThat(tree.has("erased")).as("derived views are not stored").isFalse();

        Document read = ModelJson.read(tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Document.class);

        assertThat(read).isEqualTo(document);
        assertThat(read.formerTextRefs()).isEmpty();
    }

    @Test
    void aWorkersFailureDetailIsCleanedSoItsResultCanTravel() {
        // an exception message quoting a broken file: NUL and half a surrogate pair become U+FFFD
        OcrFailed failed = new OcrFailed(Samples.ID_2, TestData.DOC, Samples.AT, "CORRUPT_FILE", false, "byte \0 at \uD800");

        assertThat(failed.detail()).isEqualTo("byte \uFFFD at \uFFFD");
        assertThat(ModelJson.RESULTS.decode(ModelJson.RESULTS.encode(failed))).isEqualTo(failed);
    }
}
