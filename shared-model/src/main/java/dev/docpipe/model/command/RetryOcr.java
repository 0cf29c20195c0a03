package dev.docpipe.model.command;

/** Try OCR again after it failed. */
public record RetryOcr() implements CommandPayload {}
