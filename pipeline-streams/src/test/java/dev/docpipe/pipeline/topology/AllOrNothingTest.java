package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static dev.docpipe.pipeline.topology.PipelineDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A decision whose outputs cannot all be built writes nothing, and its caller still gets an answer. */
class AllOrNothingTest {
    /** The JSON encoder, except that it cannot encode an OcrRequested event while {@link #broken}. */
    private static final class BreakableEncoder implements OutputEncoder {
        volatile boolean broken;

        @Override
        public byte[] event(RecordedEvent event) {
            if (broken && event.event() instanceof OcrRequested) {
                throw new IllegalStateException("cannot encode " + event.event().type());
            }
            return ModelJson.EVENTS.encode(event);
        }

        @Override
        public byte[] job(Job job) {
            return ModelJson.JOBS.encode(job);
        }

        @Override
        public byte[] outcome(CommandOutcome outcome) {
            return ModelJson.OUTCOMES.encode(outcome);
        }
    }

    private final BreakableEncoder encoder = new BreakableEncoder();
    private final PipelineDriver pipeline = new PipelineDriver(TopologySettings.DEFAULT, encoder);

    @AfterEach
    void close() {
        pipeline.close();
    }

    private StoredDocument stored(UUID documentId) {
        return pipeline.driver.<String, StoredDocument>getKeyValueStore(DocumentRepository.STORE)
                .get(documentId.toString());
    }

    @Test
    void aCommandWhoseEventCannotBeEncodedChangesNothingAndIsAnsweredWithAProcessingError() {
        UUID documentId = pipeline.scannedDocument();
        pipeline.clearOutputs();
        StoredDocument before = stored(documentId);
        Command confirm = command(documentId, new ConfirmScan());
        encoder.broken = true;

        pipeline.send(confirm);

        assertThat(stored(documentId)).as("the store is untouched").isEqualTo(before);
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.ocrJobs()).isEmpty();
        assertThat(pipeline.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo(DeadLetter.PROCESSING_ERROR);
            assertThat(header(dead, DeadLetterHeaders.DETAIL)).contains("cannot encode OcrRequested");
            assertThat(dead.value()).isEqualTo(ModelJson.COMMANDS.encode(confirm));
        });
        assertThat(pipeline.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.commandId()).isEqualTo(confirm.commandId());
            assertThat(o.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(o.reason()).isEqualTo(Reason.PROCESSING_ERROR);
            assertThat(o.state()).isEqualTo(DocumentState.SCANNED);
            assertThat(o.documentVersion()).isEqualTo(before.document().version());
            assertThat(o.jobIds()).isEmpty();
        });

        // once fixed, the command replayed from the DLQ is decided as if it came for the first time
        encoder.broken = false;
        pipeline.send(confirm);
        assertThat(pipeline.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(o.reason()).isEqualTo(Reason.OCR_QUEUED);
        });
        assertThat(pipeline.ocrJobs()).hasSize(1);
        assertThat(stored(documentId).document().state()).isEqualTo(DocumentState.OCR_PENDING);
    }
}
