package dev.docpipe.model.history;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.RecordedEvent;

/**
 * The one classifier of an event against the document it belongs to (applied / duplicate / gap / invalid), for
 * every reader that folds {@code docpipe.events}: the read model's projector and the operator tools. Pure.
 */
public final class EventOrder {
    private EventOrder() {}

    /**
     * Folds {@code event} into {@code current} (null: no event folded yet) with {@link Document#evolve}.
     *
     * @param gaps what to do when versions are missing before the event
     */
    public static FoldStep fold(Document current, RecordedEvent event, GapPolicy gaps) {
        long version = current == null ? 0 : current.version();
        if (event.version() <= version) {
            return new FoldStep(FoldStep.Kind.DUPLICATE, current, null);
        }
        boolean gap = event.version() != version + 1;
        if (gap && gaps == GapPolicy.HOLD) {
            return new FoldStep(FoldStep.Kind.GAP_HELD, current, null);
        }
        Document next;
        try {
            next = Document.evolve(current, event.documentId(), event.event());
        } catch (RuntimeException e) {
            return new FoldStep(FoldStep.Kind.INVALID, current, e.getMessage());
        }
        if (!gap) {
            return new FoldStep(FoldStep.Kind.APPLIED, next, null);
        }
        return new FoldStep(FoldStep.Kind.GAP_FOLDED_OVER, withVersion(next, event.version()), null);
    }

    private static Document withVersion(Document d, long version) {
        return new Document(d.documentId(), d.childId(), d.owner(), d.file(), d.state(), version, d.scan(), d.ocr(),
                d.review(), d.currentJob(), d.lastFailure(), d.formerTextRefs());
    }
}
