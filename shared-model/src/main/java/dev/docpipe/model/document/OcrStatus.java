package dev.docpipe.model.document;

/**
 * @param attempt OCR jobs dispatched so far (0 before confirmation)
 * @param engineVersion the engine version of the text we have, null before the first extraction
 * @param requestedEngineVersion the newest engine version a reprocess asked for, so that the same
 *     backfill asked again is recognised as already served
 */
public record OcrStatus(
        int attempt, String engine, String engineVersion, String requestedEngineVersion, String textRef, long textLength) {
    public static final OcrStatus NONE = new OcrStatus(0, null, null, null, null, 0);

    OcrStatus requested(int newAttempt, String targetVersion) {
        return new OcrStatus(newAttempt, engine, engineVersion,
                EngineVersions.newest(requestedEngineVersion, targetVersion), textRef, textLength);
    }

    OcrStatus extracted(String newEngine, String newEngineVersion, String newTextRef, long newTextLength) {
        return new OcrStatus(attempt, newEngine, newEngineVersion, requestedEngineVersion, newTextRef, newTextLength);
    }

    /** The newest engine version this document has, or is being reprocessed to. */
    public String servedEngineVersion() {
        return EngineVersions.newest(engineVersion, requestedEngineVersion);
    }
}
