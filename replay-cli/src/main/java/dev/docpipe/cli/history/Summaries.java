package dev.docpipe.cli.history;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.event.UnknownEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One-line descriptions of records, for the timeline. */
final class Summaries {
    private Summaries() {}

    static String event(DocumentEvent event) {
        return switch (event) {
            // The file's name is personal data: the history shows its blob, never its name.
            case DocumentRegistered e -> "child " + e.childId() + ", owner " + e.owner() + ", file "
                    + e.file().blobRef() + " ("
                    + e.file().contentType() + ", " + String.format(Locale.ROOT, "%,d", e.file().sizeBytes()) + " B)";
            case ScanRequested e -> job(e.job(), e.issue());
            case OcrRequested e -> job(e.job(), e.issue());
            case DocumentScanned e -> "job " + e.jobId() + " attempt " + e.attempt() + ": " + e.report().detectedType()
                    + (e.report().pageCount() == null ? "" : ", " + e.report().pageCount() + " page(s)")
                    + (e.report().language() == null ? "" : ", language " + e.report().language());
            case ScanAttemptFailed e -> failure(e.jobId(), e.attempt(), e.reason(), e.retryable(), e.detail());
            case ScanConfirmed e -> "scan attempt " + e.scanAttempt() + " confirmed";
            case TextExtracted e -> "job " + e.jobId() + " attempt " + e.attempt() + ": " + e.engine() + " "
                    + e.engineVersion() + ", " + String.format(Locale.ROOT, "%,d", e.textLength()) + " characters";
            case OcrAttemptFailed e -> failure(e.jobId(), e.attempt(), e.reason(), e.retryable(), e.detail());
            case ReviewEdited e -> "review v" + e.reviewVersion() + ": " + patch(e.patch());
            case DocumentValidated e -> "review v" + e.reviewVersion() + " validated";
            case StaleJobResultIgnored e -> e.resultType() + " of job " + e.jobId() + " ignored (current job: "
                    + (e.currentJobId() == null ? "none" : e.currentJobId()) + ")";
            case JobLeaseExpired e -> e.kind() + " job " + e.jobId() + " attempt " + e.attempt() + ": deadline "
                    + e.deadline() + " passed without a result";
            case DocumentErased e -> "erased: personal data destroyed, " + e.blobRefs().size() + " blob(s) purged";
            case ErasedDocumentResultDiscarded e -> "result of job " + e.jobId() + " discarded: the document is erased"
                    + (e.textRef() == null ? "" : " (its text blob purged)");
            case UnknownEvent e -> "written by a newer docpipe; this version skips it (only its version counts)";
        };
    }

    static String outcome(CommandOutcome outcome, Command command) {
        StringBuilder s = new StringBuilder(outcome.commandType());
        if (command != null) {
            s.append(payload(command)).append(" by ").append(command.actor());
        }
        s.append(" -> ").append(outcome.status());
        if (outcome.status() == OutcomeStatus.DUPLICATE && outcome.originalStatus() != null) {
            s.append(" (of ").append(outcome.originalStatus()).append(')');
        }
        s.append(' ').append(outcome.reason());
        if (!outcome.jobIds().isEmpty() && outcome.status() != OutcomeStatus.DUPLICATE) {
            s.append(", job ").append(outcome.jobIds().size() == 1 ? outcome.jobIds().getFirst() : outcome.jobIds());
        }
        s.append(" [command ").append(outcome.commandId()).append(']');
        return s.toString();
    }

    static String pendingCommand(Command command) {
        return command.type() + payload(command) + " by " + command.actor() + " -> no outcome yet [command "
                + command.commandId() + "]";
    }

    private static String payload(Command command) {
        return switch (command.payload()) {
            case Rescan r -> "(supersedes attempt " + r.supersedesAttempt() + ")";
            case ReprocessOcr r -> "(engine " + r.engineVersion() + ")";
            case EditReview e -> "(expected review v" + e.expectedReviewVersion() + ")";
            case ValidateReview v -> "(expected review v" + v.expectedReviewVersion() + ")";
            case RegisterDocument r -> "";
            default -> "";
        };
    }

    private static String job(Job job, int issue) {
        return job.kind() + " job " + job.jobId() + " attempt " + job.attempt()
                + (issue > 1 ? " (re-issue #" + (issue - 1) + ")" : "")
                + (job.engineVersion() == null ? "" : " engine " + job.engineVersion())
                + ", deadline " + job.deadline();
    }

    private static String failure(Object jobId, int attempt, String reason, boolean retryable, String detail) {
        return "job " + jobId + " attempt " + attempt + ": " + reason + (retryable ? " (retryable)" : "")
                + (detail == null || detail.isBlank() ? "" : " - " + detail);
    }

    private static String patch(ReviewPatch patch) {
        List<String> fields = new ArrayList<>();
        if (patch.title() != null) {
            fields.add("title");
        }
        if (patch.subject() != null) {
            fields.add("subject");
        }
        if (patch.language() != null) {
            fields.add("language");
        }
        if (patch.tags() != null) {
            fields.add("tags");
        }
        if (patch.correctedText() != null) {
            fields.add("correctedText");
        }
        return "set " + String.join(", ", fields);
    }
}
