package dev.docpipe.model.command;

/** The user accepts the quick scan; OCR may start. Idempotent by content: there is one scan to confirm. */
public record ConfirmScan() implements CommandPayload {}
