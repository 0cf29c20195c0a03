package dev.docpipe.pipeline.topology;

import static dev.docpipe.pipeline.topology.PipelineDriver.START;
import static dev.docpipe.pipeline.topology.PipelineDriver.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.JobLease;
import dev.docpipe.model.document.OcrStatus;
import dev.docpipe.model.document.ReviewFields;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ReviewStatus;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.document.ScanStatus;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The compact format of the documents store ({@link StoredDocumentLayout}): round trip, previous format, bounds, reload. */
class StoredDocumentFormatTest {
    private static final String CHANGELOG = "docpipe-topology-test-" + DocumentRepository.STORE + "-changelog";

    private static final Document EVERYTHING_SET = new Document(UUID.randomUUID(), UUID.randomUUID(), "account-ü-1",
            new FileRef("sha256:" + "c".repeat(64), "image/jpeg", 4_200_000_000L, "Zeugnis – Mai.jpg"),
            DocumentState.OCR_PENDING, 12,
            new ScanStatus(3, new ScanReport("image/jpeg", 2, 2480, 3508, 300, "de", false,
                    List.of("blurry", "skewed"))),
            new OcrStatus(2, "tesseract", "5.3.0", "6.0.0", "sha256:" + "d".repeat(64), 123_456, true,
                    DocumentState.VALIDATED),
            new ReviewStatus(4, new ReviewFields("Zeugnis", "Mathe", "de", List.of("a", "b", ""), "Text\nmit 🙂")),
            new JobLease(UUID.randomUUID(), JobKind.OCR, 2, Instant.parse("2026-11-23T10:10:00.123456789Z"), 3,
                    "6.0.0"),
            "ocr timed out", List.of("sha256:" + "1".repeat(64), "sha256:" + "2".repeat(64)));

    private static final Document NULLS = new Document(UUID.randomUUID(), null, null, null, null, 0, null, null, null,
            null, null);

    private static final Document FRESH = new Document(UUID.randomUUID(), UUID.randomUUID(), "account-1",
            new FileRef("sha256:" + "a".repeat(64), "application/pdf", 0, null), DocumentState.SCAN_PENDING, 1,
            new ScanStatus(0, null), OcrStatus.NONE, ReviewStatus.NONE, null, null);

    private static final Document EMPTY_LISTS = new Document(UUID.randomUUID(), UUID.randomUUID(), "o",
            new FileRef("b", "c", 1, "f"), DocumentState.SCANNED, 3,
            new ScanStatus(1, new ScanReport("image/png", null, null, null, null, null, null, List.of())),
            new OcrStatus(0, null, null, null, null, 0, false, null), new ReviewStatus(1, new ReviewFields(null, null, null,
                    List.of(), "")), null, "");

    private static RememberedOutcome outcome(UUID commandId, String type, OutcomeStatus status, Reason reason,
            DocumentState state, List<UUID> jobIds, Instant decidedAt) {
        return new RememberedOutcome(commandId, type, status, reason, state, 7, 2, 1, jobIds, decidedAt);
    }

    private static StoredDocument roundTrip(StoredDocument value) {
        return StoredDocumentLayout.decode(StoredDocumentLayout.encode(value));
    }

    @Test
    void everyShapeOfDocumentAndOutcomeComesBackEqual() {
        List<RememberedOutcome> outcomes = List.of(
                outcome(UUID.randomUUID(), "ConfirmScan", OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED,
                        DocumentState.OCR_PENDING, List.of(UUID.randomUUID()), START),
                outcome(UUID.randomUUID(), "RegisterDocument", OutcomeStatus.REJECTED, Reason.DOCUMENT_NOT_FOUND, null,
                        List.of(), Instant.ofEpochSecond(-5, 999_999_999)),
                outcome(UUID.randomUUID(), "SomeFutureCommand", OutcomeStatus.STALE, Reason.STALE_WRITE,
                        DocumentState.VALIDATED, List.of(UUID.randomUUID(), UUID.randomUUID()), Instant.MAX),
                new RememberedOutcome(UUID.randomUUID(), "EditReview", OutcomeStatus.IN_PROGRESS,
                        Reason.ENGINE_VERSION_CURRENT, DocumentState.values()[DocumentState.values().length - 1],
                        Long.MAX_VALUE, Long.MIN_VALUE, -1, List.of(), Instant.EPOCH));
        for (Document document : Arrays.asList(EVERYTHING_SET, NULLS, FRESH, EMPTY_LISTS, null)) {
            for (List<RememberedOutcome> remembered : List.of(List.<RememberedOutcome>of(), outcomes)) {
                StoredDocument value = new StoredDocument(document, remembered);
                assertThat(roundTrip(value)).as("%s", value).isEqualTo(value);
            }
        }
    }

    @Test
    void theValueIsVersionedAndAFractionOfItsJson() {
        StoredDocument value = new StoredDocument(EVERYTHING_SET, List.of(outcome(UUID.randomUUID(), "ConfirmScan",
                OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED, DocumentState.OCR_PENDING, List.of(UUID.randomUUID()),
                START)));
        byte[] bytes = StoredDocumentLayout.encode(value);

        assertThat(bytes[0]).isEqualTo(StoredDocumentLayout.VERSION);
        assertThat(bytes.length).isLessThan(ModelJson.write(value).length / 2);
    }

    @Test
    void unknownFormatsAndDamagedValuesFailInsteadOfBeingMisread() {
        byte[] valid = StoredDocumentLayout.encode(new StoredDocument(EVERYTHING_SET, List.of()));

        byte[] future = valid.clone();
        future[0] = 5;
        assertThatThrownBy(() -> StoredDocumentLayout.decode(future)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format 5");
        assertThatThrownBy(() -> StoredDocumentLayout.decode(Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> StoredDocumentLayout.decode(Arrays.copyOf(valid, valid.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> StoredDocumentLayout.decode(new byte[0])).isInstanceOf(SerializationException.class);
    }

    /**
     * Enums and command types are stored by position: a reordering would silently change stored values.
     * If this fails, append new constants at the end, or bump StoredDocumentLayout.VERSION and read the old one.
     */
    @Test
    void thePositionsTheFormatDependsOnAreUnchanged() {
        assertThat(StoredDocumentLayout.COMMAND_TYPES).startsWith("RegisterDocument", "ConfirmScan", "Rescan",
                "EditReview", "ValidateReview", "RetryOcr", "ReprocessOcr", "EraseDocument");
        assertThat(names(DocumentState.values())).startsWith("SCAN_PENDING", "SCANNED", "SCAN_FAILED", "OCR_PENDING",
                "EXTRACTED", "OCR_FAILED", "VALIDATED", "ERASED");
        assertThat(names(JobKind.values())).startsWith("SCAN", "OCR");
        assertThat(names(OutcomeStatus.values())).startsWith("ACCEPTED", "ALREADY_DONE", "IN_PROGRESS", "REJECTED",
                "STALE", "DUPLICATE");
        assertThat(names(Reason.values())).startsWith("DOCUMENT_REGISTERED", "SCAN_QUEUED", "OCR_QUEUED",
                "REVIEW_UPDATED", "VALIDATED", "DOCUMENT_EXISTS", "DOCUMENT_NOT_FOUND", "SCAN_NOT_READY",
                "ALREADY_CONFIRMED", "SCAN_IN_PROGRESS", "ATTEMPT_SUPERSEDED", "UNKNOWN_ATTEMPT", "NOT_REVIEWABLE",
                "STALE_WRITE", "EMPTY_PATCH", "ALREADY_VALIDATED", "OCR_IN_PROGRESS", "OCR_NOT_FAILED", "NOT_EXTRACTED",
                "ENGINE_VERSION_CURRENT", "ALREADY_RETRIED", "OCR_QUEUED_AFTER_FAILURE", "PROCESSING_ERROR",
                "DOCUMENT_ERASED");
    }

    /**
     * A value of format 2, as the previous release wrote it (bytes taken from that release's encoder): a
     * document whose reprocess failed into OCR_FAILED, with one remembered outcome. Never change these bytes.
     */
    private static final String FORMAT_2_GOLDEN =
            "020101d0c0000000004000800000000000000101c1d00000000040008000000000000001146163636f756e742d310190"
            + "017368613235363a61616161616161616161616161616161616161616161616161616161616161616161616161616161"
            + "616161616161616161616161616161616161616161616161206170706c69636174696f6e2f706466a413167265706f72"
            + "742e7064660c12010201206170706c69636174696f6e2f706466010200000006656e0202010414746573736572616374"
            + "0c352e332e300c362e302e3090017368613235363a626262626262626262626262626262626262626262626262626262"
            + "6262626262626262626262626262626262626262626262626262626262626262626262626254010201105a6575676e69"
            + "73000664650404780000204c454153455f45584841555354454402c0de00000000400080000000000000010e0206080e"
            + "0202020c400000000040008000000000000002c0baa0b00d00";

    /**
     * A value of format 3 (bytes taken from that format's encoder, before erasure added the former text refs):
     * an extracted document with one remembered outcome. Never change these bytes.
     */
    private static final String FORMAT_3_GOLDEN =
            "030101d0c0000000004000800000000000000101c1d00000000040008000000000000001146163636f756e742d310190"
            + "017368613235363a61616161616161616161616161616161616161616161616161616161616161616161616161616161"
            + "616161616161616161616161616161616161616161616161206170706c69636174696f6e2f706466a413167265706f72"
            + "742e7064660a12010201206170706c69636174696f6e2f706466010200000006656e0202010414746573736572616374"
            + "0c362e302e300c362e302e3090017368613235363a626262626262626262626262626262626262626262626262626262"
            + "62626262626262626262626262626262626262626262626262626262626262626262626262540000010201105a657567"
            + "6e69730006646504047800000002c0de00000000400080000000000000010e0206080e0202020c400000000040008000"
            + "000000000002c0baa0b00d00";

    @Test
    void aFormat3ValueIsStillReadAndKnowsNoFormerTexts() {
        StoredDocument read = StoredDocumentLayout.decode(HexFormat.of().parseHex(FORMAT_3_GOLDEN));

        Document d = read.document();
        assertThat(d.documentId()).isEqualTo(UUID.fromString("d0c00000-0000-4000-8000-000000000001"));
        assertThat(d.state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(d.ocr()).isEqualTo(new OcrStatus(2, "tesseract", "6.0.0", "6.0.0", "sha256:" + "b".repeat(64), 42,
                false, null));
        assertThat(d.review()).isEqualTo(new ReviewStatus(1, new ReviewFields("Zeugnis", null, "de", List.of("x"),
                null)));
        assertThat(d.formerTextRefs()).isEmpty();
        assertThat(d.blobRefs()).containsExactly("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
        assertThat(read.recentCommands()).hasSize(1);
        assertThat(StoredDocumentLayout.encode(read)[0]).as("rewritten in the current format")
                .isEqualTo(StoredDocumentLayout.VERSION);
        assertThat(roundTrip(read)).isEqualTo(read);
    }

    @Test
    void aFormat2ValueOfThePreviousReleaseIsStillRead() {
        StoredDocument read = StoredDocumentLayout.decode(HexFormat.of().parseHex(FORMAT_2_GOLDEN));

        Document d = read.document();
        assertThat(d.documentId()).isEqualTo(UUID.fromString("d0c00000-0000-4000-8000-000000000001"));
        assertThat(d.state()).isEqualTo(DocumentState.OCR_FAILED);
        assertThat(d.version()).isEqualTo(9);
        assertThat(d.scan()).isEqualTo(new ScanStatus(1, new ScanReport("application/pdf", 1, null, null, null, "en",
                true, List.of())));
        // format 2 knew only one way to fail OCR: its latest request failed, and nothing is in flight
        assertThat(d.ocr()).isEqualTo(new OcrStatus(2, "tesseract", "5.3.0", "6.0.0", "sha256:" + "b".repeat(64), 42,
                true, null));
        assertThat(d.ocr().servedEngineVersion()).as("the failed backfill can run again").isEqualTo("5.3.0");
        assertThat(d.review()).isEqualTo(new ReviewStatus(1, new ReviewFields("Zeugnis", null, "de", List.of("x"),
                null)));
        assertThat(d.currentJob()).isNull();
        assertThat(d.lastFailure()).isEqualTo("LEASE_EXHAUSTED");
        assertThat(read.recentCommands()).containsExactly(new RememberedOutcome(
                UUID.fromString("c0de0000-0000-4000-8000-000000000001"), "ReprocessOcr", OutcomeStatus.ACCEPTED,
                Reason.OCR_QUEUED, DocumentState.OCR_PENDING, 7, 1, 1,
                List.of(UUID.fromString("0c400000-0000-4000-8000-000000000002")), START));
        assertThat(StoredDocumentLayout.encode(read)[0]).as("rewritten in the current format")
                .isEqualTo(StoredDocumentLayout.VERSION);
        assertThat(roundTrip(read)).isEqualTo(read);
    }

    @Test
    void rememberedOutcomesAreBoundedByCountAndAge() {
        StoredDocument value = new StoredDocument(FRESH, List.of());
        List<UUID> ids = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < 40; i++) {
            UUID commandId = UUID.randomUUID();
            ids.add(commandId);
            value = value.remember(FRESH, new CommandOutcome(commandId, FRESH.documentId(), "ConfirmScan",
                    OutcomeStatus.ALREADY_DONE, Reason.ALREADY_CONFIRMED, null, DocumentState.OCR_PENDING, 5, 0, 1,
                    List.of(), now), now, Duration.ofHours(24), 32);
            value = roundTrip(value);
            now = now.plusSeconds(60);
        }
        assertThat(value.recentCommands()).hasSize(32);
        assertThat(value.outcomeOf(ids.get(7))).isEmpty();
        assertThat(value.outcomeOf(ids.get(8))).isPresent();
        assertThat(value.recentCommands().getLast().commandId()).isEqualTo(ids.getLast());

        StoredDocument dayLater = value.remember(FRESH, new CommandOutcome(UUID.randomUUID(), FRESH.documentId(),
                "ConfirmScan", OutcomeStatus.ALREADY_DONE, Reason.ALREADY_CONFIRMED, null, DocumentState.OCR_PENDING,
                5, 0, 1, List.of(), now), now.plus(Duration.ofHours(24)).minusSeconds(90), Duration.ofHours(24), 32);
        assertThat(dayLater.recentCommands()).hasSize(2); // the newest of the 40 and the new one
    }

    @Test
    void everyAcceptedOutcomeIsKeptForTheRetentionWhateverElseArrives() {
        Instant now = START;
        StoredDocument value = new StoredDocument(FRESH, List.of());
        CommandOutcome accepted = new CommandOutcome(UUID.randomUUID(), FRESH.documentId(), "ConfirmScan",
                OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED, null, DocumentState.OCR_PENDING, 5, 0, 1,
                List.of(UUID.randomUUID()), now);
        value = value.remember(FRESH, accepted, now, Duration.ofHours(24), 32);
        for (int i = 0; i < 1_000; i++) {
            now = now.plusSeconds(1);
            value = value.remember(FRESH, new CommandOutcome(UUID.randomUUID(), FRESH.documentId(), "Rescan",
                    OutcomeStatus.REJECTED, Reason.ALREADY_CONFIRMED, null, DocumentState.OCR_PENDING, 5, 0, 1,
                    List.of(), now), now, Duration.ofHours(24), 32);
        }
        value = roundTrip(value);

        assertThat(value.recentCommands()).hasSize(33);
        Instant later = now.plusSeconds(1);
        assertThat(value.outcomeOf(accepted.commandId()).orElseThrow().asDuplicate(FRESH.documentId(), later))
                .isEqualTo(accepted.asDuplicate(later));
        StoredDocument dayLater = value.remember(FRESH, new CommandOutcome(UUID.randomUUID(), FRESH.documentId(),
                "Rescan", OutcomeStatus.REJECTED, Reason.ALREADY_CONFIRMED, null, DocumentState.OCR_PENDING, 5, 0, 1,
                List.of(), later), START.plus(Duration.ofHours(24)).plusSeconds(1), Duration.ofHours(24), 32);
        assertThat(dayLater.outcomeOf(accepted.commandId())).as("forgotten after the retention").isEmpty();
    }

    @Test
    void aDuplicateAfterAReloadFromTheChangelogGetsTheOriginalOutcome() {
        UUID documentId;
        Command confirm;
        CommandOutcome original;
        List<byte[]> changelog;
        try (PipelineDriver first = new PipelineDriver(TopologySettings.DEFAULT)) {
            documentId = first.scannedDocument();
            confirm = command(documentId, new ConfirmScan());
            first.send(confirm);
            Job ocr = first.ocrJobs().getFirst();
            first.sendResult(new OcrSucceeded(ocr.jobId(), documentId, START, "sha256:" + "b".repeat(64), 42,
                    "tesseract", "5.3.0"));
            first.send(command(documentId, new EditReview(0, new ReviewPatch("T", null, "de", List.of("x"), null))));
            first.send(command(documentId, new Rescan(1))); // REJECTED: remembered as well
            original = first.outcomes().stream().filter(o -> o.commandId().equals(confirm.commandId())).findFirst()
                    .orElseThrow();
            changelog = first.driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList().stream().filter(r -> r.key().equals(documentId.toString()))
                    .map(r -> r.value()).toList();
        }
        assertThat(changelog).isNotEmpty().allSatisfy(bytes -> assertThat(bytes[0]).isEqualTo(StoredDocumentLayout.VERSION));

        // a new instance that knows only what the changelog holds (a restore writes its bytes to RocksDB)
        try (PipelineDriver second = new PipelineDriver(TopologySettings.DEFAULT)) {
            KeyValueStore<String, StoredDocument> store = second.driver.getKeyValueStore(DocumentRepository.STORE);
            StoredDocument restored = StoredDocumentLayout.decode(changelog.getLast());
            store.put(documentId.toString(), restored);
            assertThat(restored.document().state()).isEqualTo(DocumentState.EXTRACTED);
            assertThat(restored.recentCommands()).hasSize(4);

            second.send(confirm);

            CommandOutcome duplicate = second.outcomes().getFirst();
            assertThat(duplicate).isEqualTo(original.asDuplicate(duplicate.decidedAt()));
            assertThat(second.ocrJobs()).isEmpty();
            assertThat(second.events()).isEmpty();
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
