package dev.docpipe.api.waiting;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.documents.DocumentView;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.readmodel.DocumentRow;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * GET of one document with {@code Prefer} (the plain GET is DocumentReadController's, unchanged; the OpenAPI
 * document describes both there). With {@code If-None-Match} naming the current version and {@code Prefer: wait=N},
 * the request is parked without a thread and answered 200 with the new view as soon as the document changes, or
 * 304 when the wait ends. Waiters wake on their document's notifications ({@link DocumentWatches}), which re-read
 * the row once for all of them, so what they answer is what the read model has committed.
 */
@RestController
@RequestMapping("/api/v1/children/{childId}/documents")
@Hidden
public class DocumentWaitController {
    private final Ownership ownership;
    private final DocumentWatches watches;
    private final ParkedRequests parked;
    private final Duration maxWait;

    public DocumentWaitController(Ownership ownership, DocumentWatches watches, ParkedRequests parked,
            WaitProperties properties) {
        this.ownership = ownership;
        this.watches = watches;
        this.parked = parked;
        this.maxWait = properties.maxWait();
    }

    @GetMapping(value = "/{documentId}", headers = PreferWait.PREFER)
    public DeferredResult<ResponseEntity<DocumentView>> get(Caller caller, @PathVariable UUID childId,
            @PathVariable UUID documentId, HttpServletRequest request) {
        DocumentRow row = ownership.requireDocument(caller, childId, documentId);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        Optional<Duration> wait = PreferWait.granted(Collections.list(request.getHeaders(PreferWait.PREFER)), maxWait);
        Optional<ResponseEntity<DocumentView>> now = DocumentWaitAnswers.atOnce(row, ifNoneMatch, wait);
        if (now.isPresent()) {
            return answered(now.get());
        }
        return new Waiter(CommandReplies.etag(row.version()), wait.get()).start(childId, documentId);
    }

    /** One parked request: what it answers with, nothing more (the row is read once per change for all waiters). */
    private final class Waiter {
        private final String etag;
        private final Duration wait;
        private final DeferredResult<ResponseEntity<DocumentView>> result;

        Waiter(String etag, Duration wait) {
            this.etag = etag;
            this.wait = wait;
            this.result = new DeferredResult<>(wait.toMillis());
        }

        DeferredResult<ResponseEntity<DocumentView>> start(UUID childId, UUID documentId) {
            // the watch also reads once soon: a change committed between the first read and the watch
            ChangeSubscribers.Subscription watching = watches.watch(childId, documentId, this::changed);
            Runnable ended = () -> result.setResult(DocumentWaitAnswers.notModified(etag, Optional.of(wait)));
            ChangeSubscribers.Subscription parking = parked.park(ended);
            result.onTimeout(ended);
            result.onCompletion(() -> {
                watching.close();
                parking.close();
            });
            result.onError(e -> {
                watching.close();
                parking.close();
            });
            return result;
        }

        /** The document's row as read after a change; answered once, whichever read sees a new version first. */
        private void changed(DocumentRow row) {
            if (result.isSetOrExpired()) {
                return;
            }
            try {
                DocumentWaitAnswers.afterRead(row, etag, wait).ifPresent(result::setResult);
            } catch (ApiProblem erased) {
                result.setErrorResult(erased);
            }
        }
    }

    static <T> DeferredResult<T> answered(T value) {
        DeferredResult<T> result = new DeferredResult<>();
        result.setResult(value);
        return result;
    }
}
