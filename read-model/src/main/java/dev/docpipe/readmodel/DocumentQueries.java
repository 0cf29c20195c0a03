package dev.docpipe.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of the read model. Every read by id names the child too: a document is only found under its own child. */
public final class DocumentQueries {
    private static final String COLUMNS = "aggregate, created_at, updated_at, last_event_id";

    private final JdbcClient jdbc;

    public DocumentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static DocumentQueries over(DataSource dataSource) {
        return new DocumentQueries(JdbcClient.create(dataSource));
    }

    /** The document, if it exists and belongs to {@code childId}. */
    public Optional<DocumentRow> find(UUID childId, UUID documentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM documents WHERE document_id = :id AND child_id = :child")
                .param("id", documentId)
                .param("child", childId)
                .query(DocumentProjector::row)
                .optional();
    }

    /** The child a document belongs to (empty if the read model has no row for it yet). It never changes. */
    public Optional<UUID> childOf(UUID documentId) {
        return jdbc.sql("SELECT child_id FROM documents WHERE document_id = :id")
                .param("id", documentId)
                .query(UUID.class)
                .optional();
    }

    /** The version the read model has reached for a document (empty if it has no row yet). */
    public OptionalLong version(UUID documentId) {
        return jdbc.sql("SELECT version FROM documents WHERE document_id = :id")
                .param("id", documentId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * A page of a child's documents, newest first; ties broken by document id so that pages are stable.
     *
     * @param page 0-based
     * @param size 1 or more
     */
    public Page page(UUID childId, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
        List<DocumentRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM documents WHERE child_id = :child"
                        + " ORDER BY created_at DESC, document_id DESC LIMIT :limit OFFSET :offset")
                .param("child", childId)
                .param("limit", size + 1)
                .param("offset", (long) page * size)
                .query(DocumentProjector::row)
                .list();
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, page, size, more);
    }

    /** @param hasNext whether page + 1 has documents */
    public record Page(List<DocumentRow> items, int page, int size, boolean hasNext) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
