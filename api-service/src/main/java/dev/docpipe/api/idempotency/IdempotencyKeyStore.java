package dev.docpipe.api.idempotency;

import dev.docpipe.api.web.HttpReply;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_keys} table: one row per (account, key), the claim of the request that came
 * first. All of its SQL is here; what the claims mean is {@link IdempotentCommands}'s business.
 */
@Repository
public class IdempotencyKeyStore {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public IdempotencyKeyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A claim as stored.
     *
     * @param command the exact command bytes the claim sent (or was about to send), null if none was built
     * @param response the stored response, null while the claiming request is still running
     * @param abandoned its request failed, or its instance died without answering: anyone may take it over
     */
    public record Claim(String fingerprint, UUID commandId, byte[] command, HttpReply response, boolean abandoned) {}

    /**
     * Claims the key for {@code commandId}: true if this call inserted the row (or replaced an expired
     * one). The primary key makes exactly one of any number of concurrent claims win.
     */
    public boolean claim(UUID account, String key, String fingerprint, UUID commandId, Duration retention) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (account_id, idempotency_key, fingerprint, command_id,
                                                      created_at, expires_at)
                        VALUES (:account, :key, :fingerprint, :command, now(), now() + make_interval(secs => :retention))
                        ON CONFLICT (account_id, idempotency_key) DO UPDATE SET
                            fingerprint = EXCLUDED.fingerprint, command_id = EXCLUDED.command_id,
                            created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
                            command = NULL, abandoned = false,
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

    /**
     * Keeps the command bytes of the claim, before they are sent, and the document they are for (erasure nulls
     * the stored response bodies of a document's claims: read-model's ErasurePurge).
     */
    public void recordCommand(UUID account, String key, UUID commandId, UUID documentId, byte[] command) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET command = :bytes, document_id = :document
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command""")
                .param("bytes", command)
                .param("document", documentId)
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .update();
    }

    public void storeResponse(UUID account, String key, UUID commandId, HttpReply reply) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = :status, response_headers = :headers::jsonb,
                               response_body = :body, abandoned = false
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command""")
                .param("status", reply.status())
                .param("headers", json.writeValueAsString(reply.headers()))
                .param("body", reply.body())
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .update();
    }

    /** Marks a claim whose request failed, so the next request with the key takes it over at once. */
    public void markAbandoned(UUID account, String key, UUID commandId) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET abandoned = true
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command
                           AND response_status IS NULL""")
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .update();
    }

    /**
     * Takes over an abandoned claim: marked so, or without a response for longer than {@code silentFor}
     * (its instance died). False if another request took it over first.
     */
    public boolean takeOver(UUID account, String key, UUID commandId, Duration silentFor) {
        return jdbc.sql("""
                        UPDATE idempotency_keys SET created_at = now(), abandoned = false
                         WHERE account_id = :account AND idempotency_key = :key AND command_id = :command
                           AND response_status IS NULL
                           AND (abandoned OR created_at < now() - make_interval(secs => :silent))""")
                .param("account", account)
                .param("key", key)
                .param("command", commandId)
                .param("silent", (double) silentFor.toSeconds())
                .update() == 1;
    }

    /** The unexpired claim of a key; abandoned also when it has had no response for {@code silentFor}. */
    public Optional<Claim> find(UUID account, String key, Duration silentFor) {
        return jdbc.sql("""
                        SELECT fingerprint, command_id, command, response_status, response_headers::text AS headers,
                               response_body,
                               abandoned OR created_at < now() - make_interval(secs => :silent) AS abandoned
                          FROM idempotency_keys
                         WHERE account_id = :account AND idempotency_key = :key AND expires_at >= now()""")
                .param("account", account)
                .param("key", key)
                .param("silent", (double) silentFor.toSeconds())
                .query((rs, n) -> {
                    Integer status = (Integer) rs.getObject("response_status");
                    HttpReply response = status == null ? null
                            : new HttpReply(status, json.readValue(rs.getString("headers"), HEADERS),
                                    rs.getBytes("response_body"));
                    return new Claim(rs.getString("fingerprint"), rs.getObject("command_id", UUID.class),
                            rs.getBytes("command"), response, response == null && rs.getBoolean("abandoned"));
                })
                .optional();
    }

    /** Forgets expired keys. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purgeExpired() {
        jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < now()").update();
    }
}
