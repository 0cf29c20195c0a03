package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.JobLease;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;

/** The {@code documents} store and the lease index, written together so that they never disagree. */
final class DocumentRepository {
    static final String STORE = "documents";

    private final KeyValueStore<String, StoredDocument> documents;
    private final LeaseIndex leases;

    DocumentRepository(KeyValueStore<String, StoredDocument> documents, LeaseIndex leases) {
        this.documents = documents;
        this.leases = leases;
    }

    StoredDocument load(UUID documentId) {
        StoredDocument stored = documents.get(documentId.toString());
        return stored != null ? stored : StoredDocument.none();
    }

    /** Writes both, or (when the second write fails) neither: a decision is all-or-nothing. */
    void save(UUID documentId, StoredDocument before, StoredDocument after) {
        String key = documentId.toString();
        documents.put(key, after);
        try {
            leases.replace(documentId, currentJob(before.document()), currentJob(after.document()));
        } catch (RuntimeException e) {
            if (before.document() == null) {
                documents.delete(key);
            } else {
                documents.put(key, before);
            }
            throw e;
        }
    }

    LeaseIndex leases() {
        return leases;
    }

    private static JobLease currentJob(Document document) {
        return document == null ? null : document.currentJob();
    }
}
