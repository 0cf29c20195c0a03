package dev.docpipe.example;

import dev.docpipe.model.event.TextExtracted;
import java.util.UUID;

/** Where the notifier tells the family that a document's text is ready (a push service, a mail, a log). */
@FunctionalInterface
public interface Notifications {
    void textExtracted(UUID documentId, long version, TextExtracted text);
}
