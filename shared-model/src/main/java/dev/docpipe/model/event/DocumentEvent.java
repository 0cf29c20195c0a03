package dev.docpipe.model.event;

/** A fact about one document. The record's simple name is its {@code type} on {@code docpipe.events}. */
public sealed interface DocumentEvent
        permits DocumentRegistered,
                ScanRequested,
                DocumentScanned,
                ScanAttemptFailed,
                ScanConfirmed,
                OcrRequested,
                TextExtracted,
                OcrAttemptFailed,
                ReviewEdited,
                DocumentValidated,
                StaleJobResultIgnored,
                JobLeaseExpired,
                DocumentErased,
                ErasedDocumentResultDiscarded,
                UnknownEvent {

    default String type() {
        return getClass().getSimpleName();
    }
}
