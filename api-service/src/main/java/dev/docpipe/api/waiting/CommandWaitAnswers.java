package dev.docpipe.api.waiting;

import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.CommandView;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a GET of a command with {@code Prefer} answers, whichever server parked it (the main port's
 * {@link CommandWaitController}, or the wait listener), given what the plain GET (CommandController) answers now.
 */
public final class CommandWaitAnswers {
    private CommandWaitAnswers() {}

    /** Whether the request waits: pending, a wait granted, and If-None-Match (if sent) names "pending". */
    public static boolean waits(ResponseEntity<CommandView> now, String ifNoneMatch, Optional<Duration> wait) {
        boolean pending = now.getStatusCode().value() == HttpStatus.ACCEPTED.value();
        return pending && wait.isPresent() && !wait.get().isZero()
                && (ifNoneMatch == null || EntityTags.matches(ifNoneMatch, CommandReplies.PENDING_ETAG));
    }

    /** 200 with the outcome, as soon as it is decided. */
    public static ResponseEntity<CommandView> decided(CommandOutcome outcome, Duration granted) {
        return ResponseEntity.ok()
                .eTag(CommandReplies.etag(outcome.documentVersion()))
                .header(PreferWait.PREFERENCE_APPLIED, PreferWait.applied(granted))
                .body(CommandView.of(outcome));
    }

    /** The plain GET's answer made conditional: 304 if If-None-Match names its ETag. */
    public static ResponseEntity<CommandView> conditional(ResponseEntity<CommandView> current, String ifNoneMatch,
            Optional<Duration> wait) {
        String etag = current.getHeaders().getETag();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(current.getHeaders());
        wait.ifPresent(w -> headers.set(PreferWait.PREFERENCE_APPLIED, PreferWait.applied(w)));
        if (EntityTags.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        return ResponseEntity.status(current.getStatusCode()).headers(headers).body(current.getBody());
    }
}
