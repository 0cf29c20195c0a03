package dev.docpipe.cli.backfill;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.EngineVersions;

/** Which documents a backfill to an engine version sends ReprocessOcr for, mirroring the decider's rule. */
enum Eligibility {
    /** Extracted, validated or failed OCR, with an older engine: a ReprocessOcr queues one OCR job. */
    ELIGIBLE,
    /** Already at, or being reprocessed to, this version or a newer one. */
    ALREADY_SERVED,
    /** OCR is running; the pipeline would answer IN_PROGRESS. Run the backfill again once it is done. */
    BUSY,
    /** Not confirmed/extracted yet: there is no text to reprocess. */
    NOT_EXTRACTED,
    /** Erased: nothing to reprocess, ever; the pipeline would refuse it (DOCUMENT_ERASED). */
    ERASED;

    static Eligibility of(Document d, String engineVersion) {
        boolean older = EngineVersions.isNewer(engineVersion, d.ocr().servedEngineVersion());
        return switch (d.state()) {
            case EXTRACTED, VALIDATED, OCR_FAILED -> older ? ELIGIBLE : ALREADY_SERVED;
            case OCR_PENDING -> older ? BUSY : ALREADY_SERVED;
            case SCAN_PENDING, SCANNED, SCAN_FAILED -> NOT_EXTRACTED;
            case ERASED -> ERASED;
        };
    }
}
