package dev.docpipe.model.document;

/**
 * @param attempt OCR jobs dispatched so far (0 before confirmation)
 * @param engineVersion the engine version of the text we have, null before the first extraction
 * @param requestedEngineVersion the newest engine version an OCR request asked for; a retry of a failed
 *     request asks for it again
 * @param lastRequestFailed the latest OCR request ended in a failure (result or lease exhausted): it
 *     serves nothing, so the same backfill asked again is a new try, not a repeat
 * @param reprocessedFrom the state (EXTRACTED or VALIDATED) the document had when the OCR request in
 *     flight was made, and returns to if that request fails: a failed reprocess must not take away text
 *     and review the family already has. Null when no such request is in flight.
 */
public record OcrStatus(
        int attempt,
        String engine,
        String engineVersion,
        String requestedEngineVersion,
        String textRef,
        long textLength,
        boolean lastRequestFailed,
        DocumentState reprocessedFrom) {
    public static final OcrStatus NONE = new OcrStatus(0, null, null, null, null, 0, false, null);

    OcrStatus requested(int newAttempt, String targetVersion, DocumentState requestedIn) {
        DocumentState from = switch (requestedIn) {
            case EXTRACTED, VALIDATED -> requestedIn;
            case OCR_PENDING -> reprocessedFrom; // a re-issue of the request in flight
            default -> null;
        };
        return new OcrStatus(newAttempt, engine, engineVersion, EngineVersions.newest(requestedEngineVersion,
                targetVersion), textRef, textLength, false, from);
    }

    OcrStatus extracted(String newEngine, String newEngineVersion, String newTextRef, long newTextLength) {
        return new OcrStatus(attempt, newEngine, newEngineVersion, requestedEngineVersion, newTextRef, newTextLength,
                false, null);
    }

    OcrStatus failed() {
        return new OcrStatus(attempt, engine, engineVersion, requestedEngineVersion, textRef, textLength, true, null);
    }

    /** The status of an erased document: attempts and versions stay, the text's blob goes. */
    OcrStatus withoutText() {
        return new OcrStatus(attempt, engine, engineVersion, requestedEngineVersion, null, textLength,
                lastRequestFailed, null);
    }

    /** The state a failed OCR request leaves the document in: where a reprocess started, else OCR_FAILED. */
    DocumentState stateAfterFailure() {
        return reprocessedFrom != null ? reprocessedFrom : DocumentState.OCR_FAILED;
    }

    /** The newest engine version this document has, or is being reprocessed to (a failed request serves nothing). */
    public String servedEngineVersion() {
        return lastRequestFailed ? engineVersion : EngineVersions.newest(engineVersion, requestedEngineVersion);
    }
}
