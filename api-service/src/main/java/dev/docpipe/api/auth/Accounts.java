package dev.docpipe.api.auth;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and the children they own. A child's owner never changes, so known owners are cached. */
@Repository
public class Accounts {
    private static final int CACHE_LIMIT = 100_000;

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<UUID, UUID> ownerOfChild = new ConcurrentHashMap<>();

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
        UUID cached = ownerOfChild.get(childId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UUID> owner = jdbc.sql("SELECT account_id FROM children WHERE child_id = :child")
                .param("child", childId)
                .query(UUID.class)
                .optional();
        owner.ifPresent(account -> {
            if (ownerOfChild.size() >= CACHE_LIMIT) {
                ownerOfChild.clear();
            }
            ownerOfChild.put(childId, account);
        });
        return owner;
    }
}
