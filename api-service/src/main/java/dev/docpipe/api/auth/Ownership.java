package dev.docpipe.api.auth;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may see what: a child is the caller's if the caller's account owns it; a document is found
 * only under its own child. Anything else is 404, exactly as if it did not exist, so no caller can
 * learn about another family's children or documents.
 */
@Component
public class Ownership {
    private final Accounts accounts;
    private final DocumentQueries documents;

    public Ownership(Accounts accounts, DocumentQueries documents) {
        this.accounts = accounts;
        this.documents = documents;
    }

    public void requireChild(Caller caller, UUID childId) {
        if (!accounts.ownerOf(childId).map(caller.accountId()::equals).orElse(false)) {
            throw ApiProblem.notFound("CHILD_NOT_FOUND", "no such child");
        }
    }

    public DocumentRow requireDocument(Caller caller, UUID childId, UUID documentId) {
        requireChild(caller, childId);
        return documents.find(childId, documentId)
                .orElseThrow(() -> ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no such document"));
    }

    public boolean ownsChild(Caller caller, UUID childId) {
        return accounts.ownerOf(childId).map(caller.accountId()::equals).orElse(false);
    }
}
