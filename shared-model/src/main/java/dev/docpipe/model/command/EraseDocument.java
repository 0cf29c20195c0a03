package dev.docpipe.model.command;

/**
 * Erase the document: its personal data is destroyed (its data key, blobs, read-model fields) and every
 * later command is refused. Idempotent by content: erased is erased.
 */
public record EraseDocument() implements CommandPayload {}
