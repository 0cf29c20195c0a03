package dev.docpipe.api.children;

import dev.docpipe.api.auth.Accounts;
import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.commands.CommandLog;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.CommandService;
import dev.docpipe.api.commands.EncodedCommand;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * Erases a child: the child row is marked erased first (so no instance accepts another upload for it), then
 * one {@link EraseDocument} per document of the child, all sent at once and awaited together within the
 * usual outcome wait. Each erasure is idempotent by content, so a repeated DELETE sends them again and the
 * pipeline answers ALREADY_DONE for those already erased: that is how an unfinished erasure is finished.
 */
@Component
public class ChildErasure {
    private static final int PAGE = 500;

    private final Accounts accounts;
    private final DocumentQueries documents;
    private final CommandLog commandLog;
    private final CommandService commands;

    public ChildErasure(Accounts accounts, DocumentQueries documents, CommandLog commandLog,
            CommandService commands) {
        this.accounts = accounts;
        this.documents = documents;
        this.commandLog = commandLog;
        this.commands = commands;
    }

    /**
     * One document's erasure as the DELETE of its child reports it.
     *
     * @param status ERASED, or PENDING (no outcome yet: follow {@code href}), or the refusal's reason
     */
    public record DocumentErasure(UUID documentId, UUID commandId, String status, String href) {
        boolean done() {
            return status.equals(DocumentState.ERASED.name());
        }
    }

    /** @param documents the erasures sent now (documents the read model shows as erased are not sent again) */
    public record Result(UUID childId, List<DocumentErasure> documents) {
        public boolean complete() {
            return documents.stream().allMatch(DocumentErasure::done);
        }
    }

    public Result erase(Caller caller, UUID childId) {
        accounts.eraseChild(childId);
        List<Future<DocumentErasure>> sent = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UUID documentId : notYetErased(childId)) {
                sent.add(senders.submit(() -> eraseDocument(caller, childId, documentId)));
            }
        }
        return new Result(childId, sent.stream().map(ChildErasure::result).toList());
    }

    private static DocumentErasure result(Future<DocumentErasure> erasure) {
        if (erasure.state() == Future.State.FAILED && erasure.exceptionNow() instanceof RuntimeException e) {
            throw e; // e.g. 503 KAFKA_UNAVAILABLE: the child stays erased, a repeated DELETE sends the rest
        }
        return erasure.resultNow();
    }

    private DocumentErasure eraseDocument(Caller caller, UUID childId, UUID documentId) {
        UUID commandId = UUID.randomUUID();
        CommandService.Submitted submitted = commands.submit(caller, childId,
                EncodedCommand.of(commands.command(caller, commandId, documentId, new EraseDocument())));
        CommandOutcome outcome = submitted.outcome();
        String href = CommandReplies.commandUrl(commandId);
        if (outcome == null) {
            return new DocumentErasure(documentId, commandId, "PENDING", href);
        }
        OutcomeStatus status = outcome.effectiveStatus();
        // DOCUMENT_NOT_FOUND: a registration that was never decided (it went to the dead-letter topic), so
        // there is no document to erase
        boolean erased = status == OutcomeStatus.ACCEPTED || status == OutcomeStatus.ALREADY_DONE
                || outcome.reason() == Reason.DOCUMENT_NOT_FOUND;
        return new DocumentErasure(documentId, commandId, erased ? DocumentState.ERASED.name() : outcome.reason().name(),
                href);
    }

    private Set<UUID> notYetErased(UUID childId) {
        Set<UUID> ids = new LinkedHashSet<>();
        Set<UUID> erased = new LinkedHashSet<>();
        DocumentQueries.Page page;
        int n = 0;
        do {
            page = documents.page(childId, n++, PAGE);
            for (DocumentRow row : page.items()) {
                (row.document().state() == DocumentState.ERASED ? erased : ids).add(row.documentId());
            }
        } while (page.hasNext());
        for (UUID pending : commandLog.pendingRegistrations(childId)) {
            if (!erased.contains(pending)) {
                ids.add(pending);
            }
        }
        return ids;
    }
}
