package dev.docpipe.model.document;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixed ids, times and sample events: every test run sees exactly the same inputs. */
public final class TestData {
    /** When the given history happened. */
    public static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    /** When the command under test is decided. */
    public static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    public static final LeasePolicy LEASES = new LeasePolicy(Duration.ofMinutes(2), Duration.ofMinutes(10), 3);

    public static final UUID DOC = UUID.fromString("d0c00000-0000-4000-8000-000000000001");
    public static final UUID CHILD = UUID.fromString("c1d00000-0000-4000-8000-000000000001");
    public static final String OWNER = "account-42";
    public static final UUID COMMAND_ID = UUID.fromString("c0de0000-0000-4000-8000-000000000001");
    public static final UUID OTHER_COMMAND_ID = UUID.fromString("c0de0000-0000-4000-8000-000000000002");
    public static final UUID HISTORY_CAUSE = UUID.fromString("ca5e0000-0000-4000-8000-000000000001");

    public static final UUID SCAN_JOB_1 = UUID.fromString("5ca00000-0000-4000-8000-000000000001");
    public static final UUID SCAN_JOB_2 = UUID.fromString("5ca00000-0000-4000-8000-000000000002");
    public static final UUID OCR_JOB_1 = UUID.fromString("0c400000-0000-4000-8000-000000000001");
    public static final UUID OCR_JOB_2 = UUID.fromString("0c400000-0000-4000-8000-000000000002");

    public static final FileRef FILE = new FileRef("sha256:" + "ab".repeat(32), "image/jpeg", 123_456, "report-card.jpg");
    public static final ScanReport REPORT =
            new ScanReport("image/jpeg", 1, 2480, 3508, 300, "de", false, List.of("LOW_CONTRAST"));
    public static final ScanReport OTHER_REPORT = new ScanReport("image/jpeg", 2, 1240, 1754, 150, "en", true, List.of());
    public static final ReviewPatch TITLE_PATCH = new ReviewPatch("Zeugnis", null, null, null, null);

    private TestData() {}

    public static Command command(CommandPayload payload) {
        return command(COMMAND_ID, payload);
    }

    public static Command command(UUID commandId, CommandPayload payload) {
        return new Command(commandId, DOC, NOW, OWNER, payload);
    }

    public static UUID commandId(int n) {
        return UUID.fromString(String.format("c0de0000-0000-4000-8000-%012d", n));
    }

    // ---- events of a given history ----

    public static DocumentRegistered registered() {
        return new DocumentRegistered(CHILD, OWNER, FILE);
    }

    public static Job job(UUID jobId, JobKind kind, int attempt, String engineVersion) {
        return new Job(jobId, DOC, kind, attempt, FILE, T0.plus(LEASES.leaseFor(kind)), engineVersion);
    }

    public static ScanRequested scanRequested(UUID jobId, int attempt) {
        return new ScanRequested(job(jobId, JobKind.SCAN, attempt, null), 1);
    }

    public static DocumentScanned scanned(UUID jobId, int attempt) {
        return new DocumentScanned(jobId, attempt, REPORT);
    }

    public static ScanAttemptFailed scanFailed(UUID jobId, int attempt) {
        return new ScanAttemptFailed(jobId, attempt, "CORRUPT_FILE", false, "no JPEG header");
    }

    public static ScanConfirmed confirmed(int scanAttempt) {
        return new ScanConfirmed(scanAttempt);
    }

    public static OcrRequested ocrRequested(UUID jobId, int attempt, String engineVersion) {
        return new OcrRequested(job(jobId, JobKind.OCR, attempt, engineVersion), 1);
    }

    public static TextExtracted extracted(UUID jobId, int attempt, String engineVersion) {
        return new TextExtracted(jobId, attempt, "sha256:" + "cd".repeat(32), 1_234, "tesseract", engineVersion);
    }

    public static OcrAttemptFailed ocrFailed(UUID jobId, int attempt) {
        return new OcrAttemptFailed(jobId, attempt, "OCR_ENGINE_MISSING", true, "tesseract not installed");
    }

    public static ReviewEdited edited(ReviewPatch patch, long newReviewVersion) {
        return new ReviewEdited(patch, newReviewVersion);
    }

    public static DocumentValidated validated(long reviewVersion) {
        return new DocumentValidated(reviewVersion);
    }

    public static DocumentErased erased(List<String> blobRefs) {
        return new DocumentErased(blobRefs);
    }

    /** A short, canonical history that leaves the document in {@code state} (scan attempt 1, OCR engine "v1"). */
    public static List<DocumentEvent> historyIn(DocumentState state) {
        if (state == DocumentState.ERASED) {
            List<DocumentEvent> events = new ArrayList<>(historyIn(DocumentState.EXTRACTED));
            events.add(erased(List.of(FILE.blobRef(), extracted(OCR_JOB_1, 1, "v1").textRef())));
            return List.copyOf(events);
        }
        List<DocumentEvent> events = new ArrayList<>(List.of(registered(), scanRequested(SCAN_JOB_1, 1)));
        switch (state) {
            case SCAN_PENDING -> {}
            case SCAN_FAILED -> events.add(scanFailed(SCAN_JOB_1, 1));
            default -> {
                events.add(scanned(SCAN_JOB_1, 1));
                if (state != DocumentState.SCANNED) {
                    events.addAll(List.of(confirmed(1), ocrRequested(OCR_JOB_1, 1, null)));
                }
                switch (state) {
                    case OCR_FAILED -> events.add(ocrFailed(OCR_JOB_1, 1));
                    case EXTRACTED -> events.add(extracted(OCR_JOB_1, 1, "v1"));
                    case VALIDATED -> events.addAll(List.of(extracted(OCR_JOB_1, 1, "v1"), validated(0)));
                    default -> {}
                }
            }
        }
        return List.copyOf(events);
    }

    // ---- worker results ----

    public static ScanSucceeded scanSucceeded(UUID jobId) {
        return scanSucceeded(jobId, REPORT);
    }

    public static ScanSucceeded scanSucceeded(UUID jobId, ScanReport report) {
        return new ScanSucceeded(jobId, DOC, NOW, report);
    }

    public static ScanFailed scanFailedResult(UUID jobId) {
        return new ScanFailed(jobId, DOC, NOW, "UNSUPPORTED_TYPE", false, "image/heic");
    }

    public static OcrSucceeded ocrSucceeded(UUID jobId, String engineVersion) {
        return new OcrSucceeded(jobId, DOC, NOW, "sha256:" + "ef".repeat(32), 4_321, "tesseract", engineVersion);
    }

    public static OcrFailed ocrFailedResult(UUID jobId) {
        return new OcrFailed(jobId, DOC, NOW, "CORRUPT_FILE", false, "unreadable page 2");
    }
}
