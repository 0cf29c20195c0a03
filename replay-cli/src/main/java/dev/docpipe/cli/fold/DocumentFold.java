package dev.docpipe.cli.fold;

import dev.docpipe.history.FoldedDocument;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Folds the event log into every document's current state (optionally only some documents). */
public final class DocumentFold {
    private final Map<UUID, FoldedDocument> documents = new HashMap<>();
    private final Predicate<UUID> wanted;
    private long events;
    private long unreadable;

    public DocumentFold() {
        this(id -> true);
    }

    public DocumentFold(Predicate<UUID> wanted) {
        this.wanted = wanted;
    }

    public static DocumentFold only(Set<UUID> ids) {
        return new DocumentFold(ids::contains);
    }

    public void accept(EventLog.Entry entry) {
        switch (entry) {
            case LoggedEvent e -> {
                events++;
                if (wanted.test(e.event().documentId())) {
                    documents.computeIfAbsent(e.event().documentId(), id -> new FoldedDocument())
                            .apply(e.event(), e.partition(), e.offset());
                }
            }
            case Unreadable u -> unreadable++;
        }
    }

    /** Documents whose first event was folded (a document whose registration was refused is left out). */
    public Map<UUID, FoldedDocument> documents() {
        Map<UUID, FoldedDocument> known = new HashMap<>();
        documents.forEach((id, d) -> {
            if (d.document() != null) {
                known.put(id, d);
            }
        });
        return known;
    }

    public long events() {
        return events;
    }

    public long unreadable() {
        return unreadable;
    }
}
