package dev.docpipe.model.event;

/** The user confirmed the scan; always followed by the {@link OcrRequested} it caused. */
public record ScanConfirmed(int scanAttempt) implements DocumentEvent {}
