package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and the children they own. A child's owner never changes, so known owners are cached. */
@Repository
public class Accounts {
    private final JdbcClient jdbc;
    private final Cache<UUID, UUID> ownerOfChild = Caffeine.newBuilder().maximumSize(100_000).build();

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Child(UUID childId, String name, Instant createdAt) {}

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

    /**
     * A new child of the account, creating the account with its first child (an OIDC account exists as
     * soon as its provider signs a token for it; this is where it gets its row). Empty, and nothing
     * stored, if the account already has {@code limit} children. The account's row is locked for the
     * count, so concurrent requests of one account cannot overshoot the limit together.
     */
    @Transactional
    public Optional<Child> addChildWithinLimit(UUID accountId, UUID childId, String childName, int limit) {
        jdbc.sql("INSERT INTO accounts (account_id) VALUES (:id) ON CONFLICT (account_id) DO NOTHING")
                .param("id", accountId)
                .update();
        jdbc.sql("SELECT account_id FROM accounts WHERE account_id = :id FOR UPDATE")
                .param("id", accountId)
                .query(UUID.class)
                .single();
        long children = jdbc.sql("SELECT count(*) FROM children WHERE account_id = :id")
                .param("id", accountId)
                .query(Long.class)
                .single();
        if (children >= limit) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        INSERT INTO children (child_id, account_id, name) VALUES (:child, :account, :name)
                        RETURNING child_id, name, created_at""")
                .param("child", childId)
                .param("account", accountId)
                .param("name", childName)
                .query((rs, row) -> child(rs))
                .single());
    }

    /** The account's children, oldest first. */
    public List<Child> childrenOf(UUID accountId) {
        return jdbc.sql("""
                        SELECT child_id, name, created_at FROM children WHERE account_id = :account
                         ORDER BY created_at, child_id""")
                .param("account", accountId)
                .query((rs, row) -> child(rs))
                .list();
    }

    /** The child, if it is the account's. */
    public Optional<Child> childOf(UUID accountId, UUID childId) {
        return jdbc.sql("""
                        SELECT child_id, name, created_at FROM children
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

    private static Child child(ResultSet rs) throws SQLException {
        return new Child(rs.getObject("child_id", UUID.class), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
