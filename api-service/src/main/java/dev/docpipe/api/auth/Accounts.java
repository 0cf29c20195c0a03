package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
}
