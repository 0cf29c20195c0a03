package dev.docpipe.model.json;

/** Why a record was dead-lettered; the value of the {@code dlq.reason} header. */
public enum RejectReason {
    /** Not JSON, not UTF-8, or not a JSON object. */
    MALFORMED_JSON,
    /** The {@code schemaVersion} field is missing or not a number. */
    MISSING_SCHEMA_VERSION,
    /** A {@code schemaVersion} this reader does not know (e.g. from a newer producer). */
    UNSUPPORTED_SCHEMA_VERSION,
    /** A {@code type} this reader does not know. */
    UNKNOWN_TYPE,
    /** Valid JSON of a known type whose fields are missing, of the wrong type, unknown, or out of range. */
    SCHEMA_VIOLATION,
    /** The record's key is not the document id its value names. */
    KEY_MISMATCH,
    /** A well-formed record that names a document the pipeline does not know. */
    UNKNOWN_DOCUMENT
}
