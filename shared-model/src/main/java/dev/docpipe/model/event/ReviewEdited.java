package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.ReviewPatch;

/** @param reviewVersion the review's version after this edit */
public record ReviewEdited(ReviewPatch patch, long reviewVersion) implements DocumentEvent {
    public ReviewEdited {
        Require.present(patch, "patch");
    }
}
