package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.List;

/**
 * The document was erased: from here on it is ids, states and times only. Carries no personal field.
 *
 * @param blobRefs every blob the document ever referenced (the uploaded file, every extracted text of every
 *     attempt and engine version), so the purge needs nothing but this event
 */
public record DocumentErased(List<String> blobRefs) implements DocumentEvent {
    public DocumentErased {
        Require.present(blobRefs, "blobRefs");
        blobRefs = List.copyOf(blobRefs);
    }
}
