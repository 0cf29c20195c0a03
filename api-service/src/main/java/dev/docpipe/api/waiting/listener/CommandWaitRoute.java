package dev.docpipe.api.waiting.listener;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandController;
import dev.docpipe.api.commands.CommandView;
import dev.docpipe.api.waiting.CommandWaitAnswers;
import dev.docpipe.api.waiting.CommandWaits;
import dev.docpipe.api.waiting.PreferWait;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * GET of a command, as the main port answers it (CommandController without Prefer; CommandWaitController and
 * CommandWaitAnswers with it): a pending command with Prefer: wait=N is parked until any instance reads its outcome;
 * when the wait ends, the log decides (read again, off the event loop).
 */
final class CommandWaitRoute {
    private final BearerCallers callers;
    private final CommandController commands;
    private final CommandWaits waits;
    private final OffLoop offLoop;
    private final Parking parking;
    private final Duration maxWait;

    CommandWaitRoute(BearerCallers callers, CommandController commands, CommandWaits waits, OffLoop offLoop,
            Parking parking, Duration maxWait) {
        this.callers = callers;
        this.commands = commands;
        this.waits = waits;
        this.offLoop = offLoop;
        this.parking = parking;
        this.maxWait = maxWait;
    }

    Mono<ResponseEntity<?>> answer(HttpServerRequest request, WaitPath.Command path) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        String ifNoneMatch = request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
        boolean prefers = request.requestHeaders().contains(PreferWait.PREFER);
        Optional<Duration> wait = PreferWait.granted(request.requestHeaders().getAll(PreferWait.PREFER), maxWait);
        return offLoop.call(() -> {
            Caller caller = callers.authenticate(authorization);
            UUID commandId = WaitPath.id("commandId", path.commandId());
            ResponseEntity<CommandView> now = commands.get(caller, commandId);
            if (!prefers) {
                return Mono.<ResponseEntity<?>>just(now);
            }
            if (!CommandWaitAnswers.waits(now, ifNoneMatch, wait)) {
                return Mono.<ResponseEntity<?>>just(CommandWaitAnswers.conditional(now, ifNoneMatch, wait));
            }
            Duration granted = wait.get();
            return parking.<ResponseEntity<?>>park(granted,
                            sink -> waits.await(commandId, outcome -> sink.success(
                                    CommandWaitAnswers.decided(outcome, granted))))
                    .switchIfEmpty(offLoop.call(() -> CommandWaitAnswers.conditional(
                            commands.get(caller, commandId), ifNoneMatch, wait)));
        }).flatMap(answer -> answer);
    }
}
