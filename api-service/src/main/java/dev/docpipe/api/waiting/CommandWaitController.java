package dev.docpipe.api.waiting;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandController;
import dev.docpipe.api.commands.CommandView;
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
 * GET of a command with {@code Prefer} (the plain GET, its ownership rules and its answers are CommandController's;
 * the OpenAPI document describes both there). A pending command with {@code Prefer: wait=N} (and, if sent,
 * {@code If-None-Match: "pending"}) is parked without a thread and answered 200 with the outcome as soon as any
 * instance reads it, or, when the wait ends, as it is then: 304 to a conditional request, else 202.
 */
@RestController
@RequestMapping("/api/v1/commands")
@Hidden
public class CommandWaitController {
    private final CommandController commands;
    private final CommandWaits waits;
    private final ParkedRequests parked;
    private final Duration maxWait;

    public CommandWaitController(CommandController commands, CommandWaits waits, ParkedRequests parked,
            WaitProperties properties) {
        this.commands = commands;
        this.waits = waits;
        this.parked = parked;
        this.maxWait = properties.maxWait();
    }

    @GetMapping(value = "/{commandId}", headers = PreferWait.PREFER)
    public DeferredResult<ResponseEntity<CommandView>> get(Caller caller, @PathVariable UUID commandId,
            HttpServletRequest request) {
        ResponseEntity<CommandView> now = commands.get(caller, commandId);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        Optional<Duration> wait = PreferWait.granted(Collections.list(request.getHeaders(PreferWait.PREFER)), maxWait);
        if (!CommandWaitAnswers.waits(now, ifNoneMatch, wait)) {
            return DocumentWaitController.answered(CommandWaitAnswers.conditional(now, ifNoneMatch, wait));
        }
        Duration granted = wait.get();
        DeferredResult<ResponseEntity<CommandView>> result = new DeferredResult<>(granted.toMillis());
        ChangeSubscribers.Subscription subscription = waits.await(commandId,
                outcome -> result.setResult(CommandWaitAnswers.decided(outcome, granted)));
        // At the end the log decides: an outcome this instance missed (it was not reading yet) is there. Set in the
        // callback itself: a timeout left without a result would be answered 503.
        Runnable ended = () -> result.setResult(
                CommandWaitAnswers.conditional(commands.get(caller, commandId), ifNoneMatch, wait));
        ChangeSubscribers.Subscription parking = parked.park(ended);
        result.onTimeout(ended);
        result.onCompletion(() -> {
            subscription.close();
            parking.close();
        });
        result.onError(e -> {
            subscription.close();
            parking.close();
        });
        return result;
    }
}
