package dev.docpipe.personaldata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-document data keys ({@code document_keys}): created when the API registers a document, wrapped under
 * the {@link KeyEncryptionKey}, deleted when the document is erased. The one place a document's personal data
 * can be destroyed for good: every sealed copy of it needs this row to be read.
 *
 * <p>Keys are cached in memory once unwrapped (a bounded LRU; a cached key is never written anywhere). Deleting a
 * key drops its entry; another process's cache keeps a key it already held until it restarts or evicts it, which
 * exposes nothing (the cache is memory only) but is why erasure also deletes the read-model rows and blobs rather
 * than relying on the key alone. Calls made inside a Spring-managed transaction on the same {@link DataSource}
 * (the projector's) take part in it.
 */
public final class DataKeys {
    /** Keys kept unwrapped in memory: well above the documents a process works on at once. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final JdbcClient jdbc;
    private final KeyEncryptionKey kek;
    private final Map<UUID, SecretKey> cache;

    public DataKeys(JdbcClient jdbc, KeyEncryptionKey kek, int cacheSize) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, SecretKey> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public static DataKeys over(DataSource dataSource, KeyEncryptionKey kek) {
        return new DataKeys(JdbcClient.create(dataSource), kek, DEFAULT_CACHE_SIZE);
    }

    /**
     * Makes sure the document has a data key: a fresh random one, or the one it already has (a request that
     * registers the same document id again keeps the first key, so what was sealed under it stays readable).
     */
    public void create(UUID documentId, UUID childId) {
        if (cached(documentId) != null) {
            return;
        }
        SecretKey fresh = DataKeyGenerator.newDataKey();
        boolean inserted = jdbc.sql("""
                        INSERT INTO document_keys (document_id, child_id, kek_id, wrapped_key)
                        VALUES (:document, :child, :kek, :wrapped)
                        ON CONFLICT (document_id) DO NOTHING RETURNING document_id""")
                .param("document", documentId)
                .param("child", childId)
                .param("kek", kek.id())
                .param("wrapped", kek.wrap(fresh))
                .query(UUID.class)
                .optional()
                .isPresent();
        if (inserted) {
            remember(documentId, fresh);
        } else {
            find(documentId);
        }
    }

    /**
     * The document's data key; empty if it has none (erased, or never registered by this version).
     *
     * @throws KeyEncryptionKeyException if the configured KEK cannot unwrap it
     */
    Optional<SecretKey> find(UUID documentId) {
        SecretKey cached = cached(documentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> stored = jdbc.sql("SELECT kek_id, wrapped_key FROM document_keys WHERE document_id = :id")
                .param("id", documentId)
                .query((rs, n) -> kek.unwrap(rs.getString("kek_id"), rs.getBytes("wrapped_key"),
                        "document " + documentId))
                .optional();
        stored.ifPresent(key -> remember(documentId, key));
        return stored;
    }

    public boolean exists(UUID documentId) {
        return cached(documentId) != null || jdbc.sql("SELECT count(*) FROM document_keys WHERE document_id = :id")
                .param("id", documentId).query(Long.class).single() > 0;
    }

    /**
     * Deletes the document's key (erasure) and drops it from this process's cache; no key is not an error, so a
     * replayed erasure deletes nothing and succeeds. Inside a transaction, call {@link #forget} again after the
     * commit: a concurrent reader may have cached the key from the row the transaction had not yet deleted.
     *
     * @return whether a key was deleted
     */
    public boolean delete(UUID documentId) {
        forget(documentId);
        return jdbc.sql("DELETE FROM document_keys WHERE document_id = :id").param("id", documentId).update() > 0;
    }

    /** Drops cached keys (never the stored ones). */
    public void forget(Collection<UUID> documentIds) {
        synchronized (cache) {
            documentIds.forEach(cache::remove);
        }
    }

    public void forget(UUID documentId) {
        synchronized (cache) {
            cache.remove(documentId);
        }
    }

    /** The id of the KEK new keys are wrapped with. */
    public String kekId() {
        return kek.id();
    }

    private SecretKey cached(UUID documentId) {
        synchronized (cache) {
            return cache.get(documentId);
        }
    }

    private void remember(UUID documentId, SecretKey key) {
        synchronized (cache) {
            cache.put(documentId, key);
        }
    }
}
