package dev.docpipe.api.idempotency;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.EncodedCommand;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.web.HttpReply;
import dev.docpipe.model.command.Command;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Idempotency-Key (docs/design.md): the same key from the same account replays the first response;
 * the same key with a different request is 422; concurrent requests with one key send one command.
 *
 * <p>The first request claims the key ({@link IdempotencyKeyStore#claim}), so exactly one of any number
 * of concurrent requests wins and runs the command, with a commandId fixed at the claim; the others
 * wait for its stored response and replay it. Keys expire after {@code docpipe.api.idempotency-retention}
 * (at least 24 h): an expired key is claimed afresh.
 *
 * <p>A claim keeps the exact bytes of its command before sending them. Once a request may have sent its
 * command, a different command under the key could make a second one (for an upload, a second
 * document; for a rescan whose id the pipeline forgot, a second scan). A claim is <em>abandoned</em> when
 * its request failed (Kafka unavailable, say; the producer may still deliver after the request gave
 * up), at once, or when no response was stored long after any live request would have stored one (its
 * instance died between claim and answer). The next request with the key takes an abandoned claim over
 * and sends <em>the kept bytes</em> again: if an earlier send did arrive, the pipeline answers DUPLICATE
 * with the original outcome, and if it forgot the id, the command's own content (the attempt or version
 * it names) still makes it do nothing new. A claim that kept no bytes never sent anything: its command is
 * built now, with the claimed commandId.
 */
@Component
public class IdempotentCommands {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(2);
    private static final Duration DEAD_INSTANCE_AFTER = Duration.ofMinutes(3);
    private static final int ROUNDS = 3;

    private final IdempotencyKeyStore store;
    private final CommandReplies commandReplies;
    private final Duration retention;
    private final Duration waitForFirst;
    private final Duration silentFor;

    public IdempotentCommands(IdempotencyKeyStore store, CommandReplies commandReplies, ApiProperties properties) {
        this.store = store;
        this.commandReplies = commandReplies;
        this.retention = properties.idempotencyRetention();
        this.waitForFirst = properties.outcomeWait().plus(EXTRA_WAIT);
        // a live request answers within outcome-wait, or fails once the producer's delivery timeout
        // is up; past both, nobody is coming back to this claim
        this.silentFor = properties.outcomeWait().plus(DEAD_INSTANCE_AFTER);
    }

    /** @param replayed whether this is a stored response answered again */
    public record Result(HttpReply reply, boolean replayed) {}

    /**
     * Sends the command {@code newCommand} builds for a fresh commandId, or replays what the first
     * request with this key got.
     *
     * @param fingerprint identifies the request (see {@link RequestFingerprint}); computed only with a key
     * @param newCommand the command for a commandId; not called when a claim's kept bytes are resent
     * @param send sends the command and turns its outcome into the reply
     */
    public Result run(Caller caller, String key, Supplier<String> fingerprint, Function<UUID, Command> newCommand,
            Function<EncodedCommand, HttpReply> send) {
        if (key == null) {
            return new Result(send.apply(EncodedCommand.of(newCommand.apply(UUID.randomUUID()))), false);
        }
        IdempotencyKey.check(key);
        UUID account = caller.accountId();
        String requestFingerprint = fingerprint.get();
        for (int round = 0; round < ROUNDS; round++) {
            UUID commandId = UUID.randomUUID();
            if (store.claim(account, key, requestFingerprint, commandId, retention)) {
                return new Result(runClaimed(account, key, commandId, null, newCommand, send), false);
            }
            Waited waited = awaitFirst(account, key, requestFingerprint);
            if (waited instanceof Replay replay) {
                return replay.result();
            }
            if (waited instanceof Abandoned(IdempotencyKeyStore.Claim claim)
                    && store.takeOver(account, key, claim.commandId(), silentFor)) {
                return new Result(runClaimed(account, key, claim.commandId(), claim.command(), newCommand, send),
                        false);
            }
            // the key expired meanwhile (claim it afresh), or another request took the claim over first
            // (wait for its response)
        }
        throw new ApiProblem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_BUSY",
                "another request with this Idempotency-Key keeps failing; retry later");
    }

    private HttpReply runClaimed(UUID account, String key, UUID commandId, byte[] keptCommand,
            Function<UUID, Command> newCommand, Function<EncodedCommand, HttpReply> send) {
        HttpReply reply;
        try {
            EncodedCommand command;
            if (keptCommand != null) {
                command = EncodedCommand.decode(keptCommand);
            } else {
                command = EncodedCommand.of(newCommand.apply(commandId));
                store.recordCommand(account, key, commandId, command.command().documentId(), command.bytes());
            }
            reply = send.apply(command);
        } catch (RuntimeException e) {
            store.markAbandoned(account, key, commandId);
            throw e;
        }
        if (reply.status() >= 500) {
            store.markAbandoned(account, key, commandId);
            return reply;
        }
        store.storeResponse(account, key, commandId, reply);
        return reply;
    }

    /** What waiting for the first request with a key came to. */
    private sealed interface Waited {}

    /** Its response, or a 202 pointing at its command if it is still running. */
    private record Replay(Result result) implements Waited {}

    /** The key is gone (expired and purged). */
    private record Released() implements Waited {}

    /** Its request failed or died without answering; its command may or may not have been sent. */
    private record Abandoned(IdempotencyKeyStore.Claim claim) implements Waited {}

    private Waited awaitFirst(UUID account, String key, String fingerprint) {
        long deadline = System.nanoTime() + waitForFirst.toNanos();
        while (true) {
            Optional<IdempotencyKeyStore.Claim> found = store.find(account, key, silentFor);
            if (found.isEmpty()) {
                return new Released();
            }
            IdempotencyKeyStore.Claim claim = found.get();
            if (!claim.fingerprint().equals(fingerprint)) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used for a different request");
            }
            if (claim.response() != null) {
                return new Replay(new Result(claim.response(), true));
            }
            if (claim.abandoned()) {
                return new Abandoned(claim);
            }
            if (System.nanoTime() > deadline) {
                // The first request is still waiting for its outcome: point at its command.
                return new Replay(new Result(commandReplies.pending(claim.commandId(), null, null), true));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
