package dev.docpipe.cli.audit;

import dev.docpipe.history.FoldedDocument;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One document's fold plus what the audit remembers about its history. */
final class AuditedDocument {
    enum IntentStatus { PENDING, DONE, FAILED }

    /** An OCR intent: the jobs (first + re-issues) for one request of an engine version. */
    static final class OcrIntent {
        UUID jobId;
        IntentStatus status = IntentStatus.PENDING;
        String address;

        OcrIntent(UUID jobId, String address) {
            this.jobId = jobId;
            this.address = address;
        }
    }

    final FoldedDocument fold = new FoldedDocument();
    /** OCR intents by requested engine version ("" for the default engine). */
    final Map<String, OcrIntent> ocrIntents = new HashMap<>(2);
    String currentOcrKey;
    int confirmations;
    UUID confirmingCommand;
    int ocrJobsOfConfirmation;
    /** The job named by a JobLeaseExpired that is the document's latest event, else null. */
    UUID expiredJob;
    int lastPartition = -1;
    long lastOffset = -1;
}
