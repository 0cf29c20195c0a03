package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.START;
import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.header;
import static dev.docpipe.pipeline.topology.PipelineDriver.registration;
import static dev.docpipe.pipeline.topology.PipelineDriver.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Records that cannot be read go to docpipe.dlq, untouched and explained; the pipeline keeps going. */
class DeadLetterTest {
    private final PipelineDriver pipeline = new PipelineDriver(TopologySettings.DEFAULT);

    @AfterEach
    void close() {
        pipeline.close();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "MALFORMED_JSON, docpipe.commands",
        "UNKNOWN_TYPE, docpipe.commands",
        "UNSUPPORTED_SCHEMA_VERSION, docpipe.commands",
        "SCHEMA_VIOLATION, docpipe.commands",
        "MALFORMED_JSON, docpipe.job-results",
        "UNKNOWN_TYPE, docpipe.job-results",
        "UNSUPPORTED_SCHEMA_VERSION, docpipe.job-results",
        "SCHEMA_VIOLATION, docpipe.job-results",
    })
    void poisonRecordsAreDeadLetteredAndTheNextValidCommandIsProcessed(String reason, String topic) {
        String documentId = UUID.randomUUID().toString();
        byte[] poison = switch (reason) {
            case "MALFORMED_JSON" -> new byte[] {(byte) 0xC3, 0x28, 0x00, 0x7B};
            case "UNKNOWN_TYPE" -> ("{\"schemaVersion\":1,\"type\":\"SelfDestruct\",\"documentId\":\"" + documentId
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            case "UNSUPPORTED_SCHEMA_VERSION" -> ("{\"schemaVersion\":99,\"type\":\"ConfirmScan\"}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"schemaVersion\":1,\"type\":\"" + (topic.equals(Topics.COMMANDS) ? "ConfirmScan"
                    : "ScanSucceeded") + "\",\"documentId\":42}").getBytes(StandardCharsets.UTF_8);
        };
        if (topic.equals(Topics.COMMANDS)) {
            pipeline.sendRawCommand(documentId, poison);
        } else {
            pipeline.sendRawResult(documentId, poison);
        }

        var dead = pipeline.deadLetters();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(poison);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(documentId);
            assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo(reason);
            assertThat(header(record, DeadLetterHeaders.DETAIL)).isNotBlank();
            assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(header(record, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        });
        assertThat(pipeline.outcomes()).isEmpty();

        Command next = command(UUID.randomUUID(), registration());
        pipeline.send(next);
        assertThat(pipeline.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.ACCEPTED));
        assertThat(pipeline.scanJobs()).hasSize(1);
    }

    @Test
    void aCommandKeyedByAnotherDocumentIsDeadLetteredNotDecided() {
        Command register = command(UUID.randomUUID(), registration());

        pipeline.sendRawCommand(UUID.randomUUID().toString(), ModelJson.COMMANDS.encode(register));

        assertThat(pipeline.deadLetters()).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("KEY_MISMATCH"));
        assertThat(pipeline.scanJobs()).isEmpty();
        assertThat(pipeline.outcomes()).isEmpty();
    }

    @Test
    void aResultForAnUnknownDocumentIsDeadLettered() {
        UUID documentId = UUID.randomUUID();

        pipeline.sendResult(new ScanSucceeded(UUID.randomUUID(), documentId, START, report()));

        assertThat(pipeline.deadLetters()).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_DOCUMENT"));
        assertThat(pipeline.events()).isEmpty();
    }

    @Test
    void textNoStoreCanHoldIsDeadLetteredNotDecided() {
        UUID documentId = UUID.randomUUID();
        pipeline.send(command(documentId, registration()));
        Command edit = command(documentId, new EditReview(0, new ReviewPatch("TITLE", null, null, null, null)));
        String json = new String(ModelJson.COMMANDS.encode(edit), StandardCharsets.UTF_8);

        // A NUL, then half a surrogate pair (as JSON escapes): PostgreSQL could store neither in the read model.
        pipeline.sendRawCommand(documentId.toString(), json.replace("TITLE", "a\\u0000b").getBytes(StandardCharsets.UTF_8));
        pipeline.sendRawCommand(documentId.toString(), json.replace("TITLE", "a\\ud800").getBytes(StandardCharsets.UTF_8));

        assertThat(pipeline.deadLetters()).hasSize(2).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("SCHEMA_VIOLATION");
            assertThat(header(r, DeadLetterHeaders.DETAIL)).contains("title");
        });
        assertThat(pipeline.outcomes()).hasSize(1); // the registration's only
        pipeline.sendRawCommand(documentId.toString(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.outcomes()).singleElement().satisfies(o -> assertThat(o.commandId()).isEqualTo(edit.commandId()));
    }
}
