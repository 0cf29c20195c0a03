package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.START;
import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EraseDocument through the real topology: the event, the outcome, no job, and a store that forgot. */
class ErasureTopologyTest {
    private static final String CHANGELOG = "docpipe-topology-test-" + DocumentRepository.STORE + "-changelog";
    private static final String FILE_NAME = "Zeugnis-Emma-Klasse3-f00d.pdf";
    private static final String FILE_BLOB = "sha256:" + "f".repeat(64);
    private static final String TEXT_BLOB = "sha256:" + "e".repeat(64);
    private static final String TITLE = "Halbjahreszeugnis Emma Beispielkind";
    private static final String CORRECTED = "Emma arbeitet im Unterricht aufmerksam mit";

    private final PipelineDriver pipeline = new PipelineDriver(JobResultsAndLeasesTest.SHORT_LEASES);

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** Registered, scanned, confirmed; returns the OCR job in flight. */
    private Job ocrInFlight(UUID documentId) {
        pipeline.send(command(documentId, new RegisterDocument(UUID.randomUUID(),
                new FileRef(FILE_BLOB, "application/pdf", 1234, FILE_NAME))));
        Job scan = pipeline.scanJobs().getLast();
        pipeline.sendResult(new ScanSucceeded(scan.jobId(), documentId, START, PipelineDriver.report()));
        pipeline.send(command(documentId, new ConfirmScan()));
        return pipeline.ocrJobs().getLast();
    }

    private void reviewed(UUID documentId) {
        Job ocr = ocrInFlight(documentId);
        pipeline.sendResult(new OcrSucceeded(ocr.jobId(), documentId, START, TEXT_BLOB, 42, "tesseract", "5.3.0"));
        pipeline.send(command(documentId, new EditReview(0, new ReviewPatch(TITLE, "Deutsch", "de",
                List.of("emma-beispielkind"), CORRECTED))));
    }

    private byte[] latestChangelogValue(UUID documentId) {
        return pipeline.driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().stream().filter(r -> r.key().equals(documentId.toString()))
                .map(r -> r.value()).toList().getLast();
    }

    @Test
    void erasureEmitsTheEventAndItsOutcomeAndNoJob() {
        UUID documentId = UUID.randomUUID();
        reviewed(documentId);
        pipeline.clearOutputs();

        var erase = command(documentId, new EraseDocument());
        pipeline.send(erase);

        List<RecordedEvent> events = pipeline.events();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.event())
                .isEqualTo(new DocumentErased(List.of(FILE_BLOB, TEXT_BLOB))));
        CommandOutcome outcome = pipeline.outcomes().getFirst();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(outcome.reason()).isEqualTo(Reason.DOCUMENT_ERASED);
        assertThat(outcome.state()).isEqualTo(DocumentState.ERASED);
        assertThat(pipeline.scanJobs()).isEmpty();
        assertThat(pipeline.ocrJobs()).isEmpty();

        // again, under a new command id: erased is erased; under the same one: its original answer
        pipeline.send(command(documentId, new EraseDocument()));
        pipeline.send(erase);
        assertThat(pipeline.outcomes()).extracting(CommandOutcome::status)
                .containsExactly(OutcomeStatus.ALREADY_DONE, OutcomeStatus.DUPLICATE);
        pipeline.send(command(documentId, new ReprocessOcr("9.9.9")));
        assertThat(pipeline.outcomes().getFirst().reason()).isEqualTo(Reason.DOCUMENT_ERASED);
        assertThat(pipeline.events()).isEmpty();
        assertThat(pipeline.ocrJobs()).isEmpty();
    }

    @Test
    void theStoreValueAfterErasureHoldsNoFileNameAndNoReviewText() {
        UUID documentId = UUID.randomUUID();
        reviewed(documentId);
        String before = new String(latestChangelogValue(documentId), StandardCharsets.UTF_8);
        assertThat(before).as("the test's phrases are in the value before erasure").contains(FILE_NAME, TITLE, CORRECTED);

        pipeline.send(command(documentId, new EraseDocument()));

        byte[] changelogValue = latestChangelogValue(documentId);
        StoredDocument stored = pipeline.driver.<String, StoredDocument>getKeyValueStore(DocumentRepository.STORE)
                .get(documentId.toString());
        for (byte[] bytes : List.of(changelogValue, StoredDocumentLayout.encode(stored))) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(FILE_NAME, TITLE, CORRECTED, "Deutsch", "emma-beispielkind", TEXT_BLOB);
        }
        assertThat(StoredDocumentLayout.decode(changelogValue).document().state()).isEqualTo(DocumentState.ERASED);
    }

    @Test
    void aLateOcrResultAfterErasureIsDiscardedWithItsTextAndChangesNothing() {
        UUID documentId = UUID.randomUUID();
        Job ocr = ocrInFlight(documentId);
        pipeline.send(command(documentId, new EraseDocument()));
        long erasedVersion = pipeline.events().getLast().version();
        pipeline.clearOutputs();

        pipeline.sendResult(new OcrSucceeded(ocr.jobId(), documentId, START, TEXT_BLOB, 42, "tesseract", "5.3.0"));

        assertThat(pipeline.events()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(new ErasedDocumentResultDiscarded(ocr.jobId(), TEXT_BLOB));
            assertThat(e.version()).isEqualTo(erasedVersion + 1);
        });
        var document = pipeline.driver.<String, StoredDocument>getKeyValueStore(DocumentRepository.STORE)
                .get(documentId.toString()).document();
        assertThat(document.state()).isEqualTo(DocumentState.ERASED);
        assertThat(document.ocr().textRef()).isNull();
        assertThat(pipeline.ocrJobs()).isEmpty();
    }

    @Test
    void theLeaseOfAJobInFlightAtErasureNeverReissuesIt() {
        UUID documentId = UUID.randomUUID();
        ocrInFlight(documentId);
        pipeline.send(command(documentId, new EraseDocument()));
        pipeline.clearOutputs();

        for (int i = 0; i < 6; i++) {
            pipeline.advanceClock(Duration.ofSeconds(30)); // far past the OCR lease, more than max issues
        }

        assertThat(pipeline.ocrJobs()).isEmpty();
        assertThat(pipeline.events()).isEmpty();
    }
}
