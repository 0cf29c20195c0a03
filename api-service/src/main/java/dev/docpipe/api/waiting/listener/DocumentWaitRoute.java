package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.waiting.DocumentWaitAnswers;
import dev.docpipe.api.waiting.DocumentWatches;
import dev.docpipe.api.waiting.PreferWait;
import dev.docpipe.readmodel.DocumentRow;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * GET of one document, as the main port answers it (DocumentWaitController, DocumentWaitAnswers): with
 * If-None-Match naming its version and Prefer: wait=N, parked until a read after a change sees a new version.
 */
final class DocumentWaitRoute {
    private final BearerCallers callers;
    private final Ownership ownership;
    private final DocumentWatches watches;
    private final OffLoop offLoop;
    private final Parking parking;
    private final Duration maxWait;

    DocumentWaitRoute(BearerCallers callers, Ownership ownership, DocumentWatches watches, OffLoop offLoop,
            Parking parking, Duration maxWait) {
        this.callers = callers;
        this.ownership = ownership;
        this.watches = watches;
        this.offLoop = offLoop;
        this.parking = parking;
        this.maxWait = maxWait;
    }

    Mono<ResponseEntity<?>> answer(HttpServerRequest request, WaitPath.Document path) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        String ifNoneMatch = request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
        Optional<Duration> wait = PreferWait.granted(request.requestHeaders().getAll(PreferWait.PREFER), maxWait);
        return offLoop.call(() -> {
            Caller caller = callers.authenticate(authorization);
            UUID childId = WaitPath.id("childId", path.childId());
            UUID documentId = WaitPath.id("documentId", path.documentId());
            DocumentRow row = ownership.requireDocument(caller, childId, documentId);
            return DocumentWaitAnswers.atOnce(row, ifNoneMatch, wait)
                    .<Mono<ResponseEntity<?>>>map(Mono::just)
                    .orElseGet(() -> park(childId, documentId, CommandReplies.etag(row.version()), wait.get()));
        }).flatMap(answer -> answer);
    }

    private Mono<ResponseEntity<?>> park(UUID childId, UUID documentId, String etag, Duration wait) {
        return parking.<ResponseEntity<?>>park(wait, sink -> watches.watch(childId, documentId, row -> {
                    try {
                        DocumentWaitAnswers.afterRead(row, etag, wait).ifPresent(sink::success);
                    } catch (ApiProblem erased) {
                        sink.error(erased);
                    }
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> DocumentWaitAnswers.notModified(etag, Optional.of(wait))));
    }
}
