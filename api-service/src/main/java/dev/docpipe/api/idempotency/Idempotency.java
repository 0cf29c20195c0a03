package dev.docpipe.api.idempotency;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.web.HttpReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key (docs/design.md): the same key from the same account replays the first response;
 * the same key with a different request is 422; concurrent requests with one key send one command.
 *
 * <p>The first request claims the key with an insert on the primary key {@code (account, key)}, so
 * exactly one of any number of concurrent requests wins and runs the command (with a commandId fixed
 * at the claim); the others wait for its stored response and replay it. Rows expire after
 * {@code docpipe.api.idempotency-retention} (at least 24 h): an expired key is claimed afresh.
 *
 * <p>A claim is never handed a new commandId: once a request may have sent its command, a second
 * commandId could make a second command (for an upload, a second document). A claim is <em>abandoned</em>
 * when its request failed (Kafka unavailable, say; the producer may still deliver after the request gave
 * up), at once, or when no response was stored long after any live request would have stored one (its
 * instance died between claim and answer). The next request with the key takes an abandoned claim over
 * and sends the command again <em>with the claimed commandId</em>: if an earlier send did arrive, the
 * pipeline answers DUPLICATE with the original outcome, so a takeover can never make a second command.
 */
@Component
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(2);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(3);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CommandReplies commandReplies;
    private final Duration retention;
    private final Duration waitForFirst;
    private final Duration abandonedAfter;

    public Idempotency(JdbcClient jdbc, JsonMapper json, CommandReplies commandReplies, ApiProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.commandReplies = commandReplies;
        this.retention = properties.idempotencyRetention();
        this.waitForFirst = properties.outcomeWait().plus(EXTRA_WAIT);
        // a live request answers within outcome-wait, or fails once the producer's delivery timeout
        // (2 min by default) is up; past both, nobody is coming back to this claim
        this.abandonedAfter = properties.outcomeWait().plus(ABANDONED_AFTER);
    }

    /** Rejects a malformed key before anything else happens (400). */
    public static void validate(String key) {
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw ApiProblem.badRequest("INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1-255 visible ASCII characters");
        }
    }

    /**
     * Runs {@code action} with a fresh commandId, or replays what the first request with this key got.
     *
     * @param fingerprintOfRequest identifies the request (method, path, normalised body): a key reused
     *     for a different fingerprint is 422. Computed only when there is a key.
     */
    public Result run(Caller caller, String key, Supplier<String> fingerprintOfRequest,
            Function<UUID, HttpReply> action) {
        if (key == null) {
            return new Result(action.apply(UUID.randomUUID()), false);
        }
        validate(key);
        String fingerprint = fingerprintOfRequest.get();
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID commandId = UUID.randomUUID();
            if (claim(caller.accountId(), key, fingerprint, commandId)) {
                return new Result(runClaimed(caller.accountId(), key, commandId, action), false);
            }
            switch (awaitFirst(caller.accountId(), key, fingerprint)) {
                case Replay replay -> {
                    return replay.result();
                }
                case Abandoned abandoned -> {
                    if (takeOver(caller.accountId(), key, abandoned.commandId())) {
                        return new Result(runClaimed(caller.accountId(), key, abandoned.commandId(), action), false);
                    }
                    // another request took it over first: wait for its response
                }
                case Released released -> {
                    // the key expired meanwhile: claim it afresh
                }
            }
        }
        throw new ApiProblem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_BUSY",
                "another request with this Idempotency-Key keeps failing; retry later");
    }

    /** @param replayed whether this is a stored response answered again */
    public record Result(HttpReply reply, boolean replayed) {}

    private boolean claim(UUID account, String key, String fingerprint, UUID commandId) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (account_id, idempotency_key, fingerprint, command_id,
                                                      created_at, expires_at)
                        VALUES (:account, :key, :fingerprint, :command, now(), now() + make_interval(secs => :retention))
                        ON CONFLICT (account_id, idempotency_key) DO UPDATE SET
                            fingerprint = EXCLUDED.fingerprint, command_id = EXCLUDED.command_id,
                            created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
                            response_status = NULL, response_headers = NULL, response_body = NULL
                        WHERE idempotency_keys.expires_at < now()
                        RETURNING command_id""")
                .param("account", account)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("command", commandId)
                .param("retention", (double) retention.toSeconds())
                .query(UUID.class)
                .optional()
                .map(commandId::equals)
                .orElse(false);
    }

    private HttpReply runClaimed(UUID account, String key, UUID commandId, Function<UUID, HttpReply> action) {
        HttpReply reply;
        try {
            reply = action.apply(commandId);
        } catch (RuntimeException e) {
            abandon(account, key, commandId);
            throw e;
        }
        if (reply.status() >= 500) {
            abandon(account, key, commandId);
            return reply;
        }
        jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = :status, response_headers = :headers::jsonb,
                               response_body = :body
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command""")
                .param("status", reply.status())
                .param("headers", json.writeValueAsString(reply.headers()))
                .param("body", reply.body())
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .update();
        return reply;
    }

    /** Lets the next request with the key take the claim over at once (see the class comment). */
    private void abandon(UUID account, String key, UUID commandId) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET created_at = now() - make_interval(secs => :abandoned + 1)
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command
                           AND response_status IS NULL""")
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .param("abandoned", (double) abandonedAfter.toSeconds())
                .update();
    }

    /** Takes over an abandoned claim (see the class comment); false if another request got it first. */
    private boolean takeOver(UUID account, String key, UUID commandId) {
        return jdbc.sql("""
                        UPDATE idempotency_keys SET created_at = now()
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command
                           AND response_status IS NULL AND created_at < now() - make_interval(secs => :abandoned)""")
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .param("abandoned", (double) abandonedAfter.toSeconds())
                .update() == 1;
    }

    private record Stored(String fingerprint, UUID commandId, Integer status, String headers, byte[] body,
            boolean abandoned) {}

    /** What waiting for the first request with a key came to. */
    private sealed interface Waited {}

    /** Its response, or a 202 pointing at its command if it is still running. */
    private record Replay(Result result) implements Waited {}

    /** The key is gone (expired and purged). */
    private record Released() implements Waited {}

    /** Its request failed or died without answering; its command may or may not have been sent. */
    private record Abandoned(UUID commandId) implements Waited {}

    private Waited awaitFirst(UUID account, String key, String fingerprint) {
        long deadline = System.nanoTime() + waitForFirst.toNanos();
        while (true) {
            Optional<Stored> row = jdbc.sql("""
                            SELECT fingerprint, command_id, response_status, response_headers::text AS headers,
                                   response_body, created_at < now() - make_interval(secs => :abandoned) AS abandoned
                              FROM idempotency_keys
                             WHERE account_id = :account AND idempotency_key = :key AND expires_at >= now()""")
                    .param("account", account)
                    .param("key", key)
                    .param("abandoned", (double) abandonedAfter.toSeconds())
                    .query((rs, n) -> new Stored(rs.getString("fingerprint"), rs.getObject("command_id", UUID.class),
                            (Integer) rs.getObject("response_status"), rs.getString("headers"),
                            rs.getBytes("response_body"), rs.getBoolean("abandoned")))
                    .optional();
            if (row.isEmpty()) {
                return new Released();
            }
            Stored stored = row.get();
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used for a different request");
            }
            if (stored.status() != null) {
                HttpReply reply = new HttpReply(stored.status(), json.readValue(stored.headers(), HEADERS), stored.body());
                return new Replay(new Result(reply, true));
            }
            if (stored.abandoned()) {
                return new Abandoned(stored.commandId());
            }
            if (System.nanoTime() > deadline) {
                // The first request is still waiting for its outcome: point at its command.
                return new Replay(new Result(commandReplies.pending(stored.commandId(), null, null), true));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Forgets expired keys. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purgeExpired() {
        jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < now()").update();
    }

    /** SHA-256 over the parts of a request that make it "the same request". */
    public static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha.update(body);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
