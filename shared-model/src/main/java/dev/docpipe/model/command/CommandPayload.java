package dev.docpipe.model.command;

/** What a {@link Command} asks for; the record's simple name is the command's {@code type} on the wire. */
public sealed interface CommandPayload
        permits RegisterDocument, ConfirmScan, Rescan, EditReview, ValidateReview, RetryOcr, ReprocessOcr, EraseDocument {}
