package dev.docpipe.api.waiting;

import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.documents.DocumentView;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.readmodel.DocumentRow;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a GET of one document with {@code Prefer} answers, whichever server parked it (the main port's
 * {@link DocumentWaitController}, or the wait listener): at once, after a read of its changed row, or when the wait
 * ends.
 */
public final class DocumentWaitAnswers {
    private DocumentWaitAnswers() {}

    /** The answer at once; empty when the request waits (If-None-Match names the current version, a wait granted). */
    public static Optional<ResponseEntity<DocumentView>> atOnce(DocumentRow row, String ifNoneMatch,
            Optional<Duration> wait) {
        String etag = CommandReplies.etag(row.version());
        if (!EntityTags.matches(ifNoneMatch, etag)) {
            return Optional.of(ResponseEntity.ok().eTag(etag).body(DocumentView.of(row)));
        }
        if (wait.isEmpty() || wait.get().isZero()) {
            return Optional.of(notModified(etag, wait));
        }
        return Optional.empty();
    }

    /**
     * The answer of a request parked on {@code etag} once a read saw {@code row}: empty while it is still that
     * version; a document erased meanwhile is refused as a GET now would be ({@link Ownership#documentErased}).
     */
    public static Optional<ResponseEntity<DocumentView>> afterRead(DocumentRow row, String etag, Duration wait) {
        String now = CommandReplies.etag(row.version());
        if (now.equals(etag)) {
            return Optional.empty();
        }
        if (row.document().state() == DocumentState.ERASED) {
            throw Ownership.documentErased(row.document().documentId());
        }
        return Optional.of(ResponseEntity.ok()
                .eTag(now)
                .header(PreferWait.PREFERENCE_APPLIED, PreferWait.applied(wait))
                .body(DocumentView.of(row)));
    }

    /** 304: what a parked request answers when its wait ends without a change. */
    public static ResponseEntity<DocumentView> notModified(String etag, Optional<Duration> wait) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag);
        wait.ifPresent(w -> reply.header(PreferWait.PREFERENCE_APPLIED, PreferWait.applied(w)));
        return reply.build();
    }
}
