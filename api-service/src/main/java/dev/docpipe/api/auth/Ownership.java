package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may see what: a child is the caller's if the caller's account owns it; a document is found
 * only under its own child. Anything else is 404, exactly as if it did not exist, so no caller can
 * learn about another family's children or documents.
 *
 * <p>A document never changes child, so once the read model has shown its child that answer is kept
 * (bounded): a command on a known document costs no query. Only positive answers are cached; a
 * document the read model does not have yet is looked up again next time.
 *
 * <p>Erasure keeps ownership: an erased child and its erased documents are still the caller's, so their
 * family gets 410 (or 204 for a repeated erasure), and everyone else still 404.
 */
@Component
public class Ownership {
    private final Accounts accounts;
    private final DocumentQueries documents;
    private final Cache<UUID, UUID> childOfDocument = Caffeine.newBuilder().maximumSize(200_000).build();

    public Ownership(Accounts accounts, DocumentQueries documents) {
        this.accounts = accounts;
        this.documents = documents;
    }

    /** The caller's child, not erased: what uploads, lists and change streams need. */
    public void requireChild(Caller caller, UUID childId) {
        requireChildOwned(caller, childId);
        if (accounts.isErased(childId)) {
            throw childErased();
        }
    }

    /** The caller's child, erased or not: an erased child still answers for its (erased) documents. */
    public void requireChildOwned(Caller caller, UUID childId) {
        if (!ownsChild(caller, childId)) {
            throw ApiProblem.notFound("CHILD_NOT_FOUND", "no such child");
        }
    }

    /**
     * The document as the read model has it, if it is the caller's and under {@code childId}; an erased
     * document is 410 DOCUMENT_ERASED (its row keeps ids, state and times only, nothing to show).
     */
    public DocumentRow requireDocument(Caller caller, UUID childId, UUID documentId) {
        requireChildOwned(caller, childId);
        DocumentRow row = documents.find(childId, documentId).orElseThrow(Ownership::noSuchDocument);
        childOfDocument.put(documentId, childId);
        if (row.document().state() == DocumentState.ERASED) {
            throw documentErased(documentId);
        }
        return row;
    }

    /**
     * Checks that the document is the caller's and under {@code childId}, without reading it. An erased
     * document (or one under an erased child) passes: the pipeline answers commands on it (409
     * DOCUMENT_ERASED, or 204 for another erasure).
     */
    public void requireDocumentOwned(Caller caller, UUID childId, UUID documentId) {
        requireChildOwned(caller, childId);
        UUID child = childOfDocument.getIfPresent(documentId);
        if (child == null) {
            child = documents.childOf(documentId).orElseThrow(Ownership::noSuchDocument);
            childOfDocument.put(documentId, child);
        }
        if (!child.equals(childId)) {
            throw noSuchDocument();
        }
    }

    public boolean ownsChild(Caller caller, UUID childId) {
        return accounts.ownerOf(childId).map(caller.accountId()::equals).orElse(false);
    }

    public static ApiProblem childErased() {
        return new ApiProblem(HttpStatus.GONE, "CHILD_ERASED", "the child was erased with all its documents");
    }

    public static ApiProblem documentErased(UUID documentId) {
        return new ApiProblem(HttpStatus.GONE, "DOCUMENT_ERASED", "the document was erased")
                .with("documentId", documentId)
                .with("state", DocumentState.ERASED.name());
    }

    private static ApiProblem noSuchDocument() {
        return ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no such document");
    }
}
