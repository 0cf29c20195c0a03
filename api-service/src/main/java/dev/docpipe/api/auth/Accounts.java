package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and the children they own. A child's owner never changes, so known owners are cached. An erased
 * child keeps its row (ids and times, no name): its owner still answers for its erased documents.
 */
@Repository
public class Accounts {
    private final JdbcClient jdbc;
    private final Cache<UUID, UUID> ownerOfChild = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<UUID, Boolean> erasedChildren = Caffeine.newBuilder().maximumSize(100_000).build();

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param erasedAt when the child was erased (its name is gone then), null while it is not */
    public record Child(UUID childId, String name, Instant createdAt, Instant erasedAt) {
        public boolean erased() {
            return erasedAt != null;
        }
    }

    @Transactional
    public void createAccountWithChild(UUID accountId, UUID childId, String childName) {
        jdbc.sql("INSERT INTO accounts (account_id) VALUES (:id)").param("id", accountId).update();
        addChild(accountId, childId, childName);
    }

    public void addChild(UUID accountId, UUID childId, String childName) {
        jdbc.sql("INSERT INTO children (child_id, account_id, name) VALUES (:child, :account, :name)")
                .param("child", childId)
                .param("account", accountId)
                .param("name", childName)
                .update();
    }

    /** What {@link #createChild(UUID, String, String, int)} did. */
    public enum Creation { CREATED, REPLAYED, KEY_REUSED, LIMIT_REACHED }

    /** @param child the new child (CREATED) or the one the key created before (REPLAYED); else null */
    public record NewChild(Creation creation, Child child) {}

    /**
     * A new child of the account, creating the account with its first child (an OIDC account exists as
     * soon as its provider signs a token for it; this is where it gets its row). With a
     * {@code creationKey} (the request's Idempotency-Key) the child that key created before is answered
     * again, if the name is the same; another name is KEY_REUSED. Nothing is stored if the account already
     * has {@code limit} children. The account's row is locked first, so concurrent requests of one
     * account neither overshoot the limit nor create two children for one key.
     */
    @Transactional
    public NewChild createChild(UUID accountId, String childName, String creationKey, int limit) {
        jdbc.sql("INSERT INTO accounts (account_id) VALUES (:id) ON CONFLICT (account_id) DO NOTHING")
                .param("id", accountId)
                .update();
        jdbc.sql("SELECT account_id FROM accounts WHERE account_id = :id FOR UPDATE")
                .param("id", accountId)
                .query(UUID.class)
                .single();
        if (creationKey != null) {
            Optional<Child> earlier = jdbc.sql("""
                            SELECT child_id, name, created_at, erased_at FROM children
                             WHERE account_id = :account AND creation_key = :key""")
                    .param("account", accountId)
                    .param("key", creationKey)
                    .query((rs, row) -> child(rs))
                    .optional();
            if (earlier.isPresent()) {
                return Objects.equals(earlier.get().name(), childName)
                        ? new NewChild(Creation.REPLAYED, earlier.get())
                        : new NewChild(Creation.KEY_REUSED, null);
            }
        }
        long children = jdbc.sql("SELECT count(*) FROM children WHERE account_id = :id AND erased_at IS NULL")
                .param("id", accountId)
                .query(Long.class)
                .single();
        if (children >= limit) {
            return new NewChild(Creation.LIMIT_REACHED, null);
        }
        Child child = jdbc.sql("""
                        INSERT INTO children (child_id, account_id, name, creation_key)
                        VALUES (:child, :account, :name, :key)
                        RETURNING child_id, name, created_at, erased_at""")
                .param("child", UUID.randomUUID())
                .param("account", accountId)
                .param("name", childName)
                .param("key", creationKey)
                .query((rs, row) -> child(rs))
                .single();
        return new NewChild(Creation.CREATED, child);
    }

    /** The account's children that are not erased, oldest first. */
    public List<Child> childrenOf(UUID accountId) {
        return jdbc.sql("""
                        SELECT child_id, name, created_at, erased_at FROM children
                         WHERE account_id = :account AND erased_at IS NULL
                         ORDER BY created_at, child_id""")
                .param("account", accountId)
                .query((rs, row) -> child(rs))
                .list();
    }

    /** The child, if it is the account's (erased or not). */
    public Optional<Child> childOf(UUID accountId, UUID childId) {
        return jdbc.sql("""
                        SELECT child_id, name, created_at, erased_at FROM children
                         WHERE child_id = :child AND account_id = :account""")
                .param("child", childId)
                .param("account", accountId)
                .query((rs, row) -> child(rs))
                .optional();
    }

    /** The account owning the child, if the child exists. */
    public Optional<UUID> ownerOf(UUID childId) {
        UUID cached = ownerOfChild.getIfPresent(childId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UUID> owner = jdbc.sql("SELECT account_id FROM children WHERE child_id = :child")
                .param("child", childId)
                .query(UUID.class)
                .optional();
        owner.ifPresent(account -> ownerOfChild.put(childId, account));
        return owner;
    }

    /**
     * Whether the child is erased. Asked on every request that adds to a child (an upload) or lists it, so
     * that no instance keeps accepting documents for a child another instance erased; only the answer
     * "erased" is cached, since it never changes back.
     */
    public boolean isErased(UUID childId) {
        if (erasedChildren.getIfPresent(childId) != null) {
            return true;
        }
        boolean erased = jdbc.sql("SELECT erased_at IS NOT NULL FROM children WHERE child_id = :child")
                .param("child", childId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (erased) {
            erasedChildren.put(childId, Boolean.TRUE);
        }
        return erased;
    }

    /**
     * Marks the child erased and erases what the family wrote into its row: the name, and the creation key.
     * Idempotent: the first erasure's time stays.
     */
    public void eraseChild(UUID childId) {
        jdbc.sql("""
                        UPDATE children SET name = NULL, creation_key = NULL, erased_at = coalesce(erased_at, now())
                         WHERE child_id = :child""")
                .param("child", childId)
                .update();
        erasedChildren.put(childId, Boolean.TRUE);
    }

    private static Child child(ResultSet rs) throws SQLException {
        OffsetDateTime erasedAt = rs.getObject("erased_at", OffsetDateTime.class);
        return new Child(rs.getObject("child_id", UUID.class), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                erasedAt == null ? null : erasedAt.toInstant());
    }
}
