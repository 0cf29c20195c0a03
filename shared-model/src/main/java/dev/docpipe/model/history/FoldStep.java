package dev.docpipe.model.history;

import dev.docpipe.model.document.Document;

/**
 * What folding one event into a document did.
 *
 * @param kind how the event was classified
 * @param document the document after the step (unchanged unless {@link Kind#applied()})
 * @param error why the fold refused the event ({@link Kind#INVALID} only)
 */
public record FoldStep(Kind kind, Document document, String error) {
    /** The classification of an event against the document's version. */
    public enum Kind {
        /** The event is the next version: applied. */
        APPLIED,
        /** The document is already at or past the event's version: not applied. */
        DUPLICATE,
        /** Versions are missing before the event and the policy is {@link GapPolicy#HOLD}: not applied. */
        GAP_HELD,
        /** Versions are missing before the event and the policy is {@link GapPolicy#FOLD_OVER}: applied. */
        GAP_FOLDED_OVER,
        /** {@code Document.evolve} refused the event: not applied. */
        INVALID;

        public boolean applied() {
            return this == APPLIED || this == GAP_FOLDED_OVER;
        }
    }
}
