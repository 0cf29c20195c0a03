package dev.docpipe.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may see what: a child is the caller's if the caller's account owns it; a document is found
 * only under its own child. Anything else is 404, exactly as if it did not exist, so no caller can
 * learn about another family's children or documents.
 *
 * <p>A document never changes child, so once the read model has shown its child that answer is kept
 * (bounded): a command on a known document costs no query. Only positive answers are cached; a
 * document the read model does not have yet is looked up again next time.
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

    public void requireChild(Caller caller, UUID childId) {
        if (!ownsChild(caller, childId)) {
            throw ApiProblem.notFound("CHILD_NOT_FOUND", "no such child");
        }
    }

    /** The document as the read model has it, if it is the caller's and under {@code childId}. */
    public DocumentRow requireDocument(Caller caller, UUID childId, UUID documentId) {
        requireChild(caller, childId);
        DocumentRow row = documents.find(childId, documentId).orElseThrow(Ownership::noSuchDocument);
        childOfDocument.put(documentId, childId);
        return row;
    }

    /** Checks that the document is the caller's and under {@code childId}, without reading it. */
    public void requireDocumentOwned(Caller caller, UUID childId, UUID documentId) {
        requireChild(caller, childId);
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

    private static ApiProblem noSuchDocument() {
        return ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no such document");
    }
}
