package dev.docpipe.cli.audit;

import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.cli.fold.Unreadable;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.model.PersonalData;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.EngineVersions;
import dev.docpipe.model.document.JobLease;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.event.UnknownEvent;
import dev.docpipe.model.history.FoldStep;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Folds the event log document by document and checks, at every event, what the design promises: one OCR
 * job per confirmation and per engine version, one job in flight, results fenced by the current job, a
 * well-formed log; and at the end, that nothing is stuck pending. Pure: it sees decoded events only.
 *
 * <p>The log may be fed in slices (one partition number at a time): every record is keyed by its document,
 * so a document's events are all in one slice. {@link #endSlice()} checks the slice's documents and
 * {@link #nextSlice()} forgets them, so the audit holds one slice's documents and jobs at a time; only the
 * counts carry over.
 */
public final class Auditor {
    private final Instant now;
    private final Duration margin;
    private final Consumer<Violation> violations;
    private final Map<UUID, AuditedDocument> documents = new HashMap<>();
    private final Map<UUID, NamedJob> namedJobs = new HashMap<>();
    private final AuditCounts counts = new AuditCounts();
    private final Map<String, long[]> typeCounts = new HashMap<>();
    private boolean sliceEnded;
    private int largestSlice;

    public Auditor(Instant now, Duration margin, Consumer<Violation> violations) {
        this.now = now;
        this.margin = margin;
        this.violations = violations;
    }

    public AuditCounts counts() {
        return counts;
    }

    /** Jobs named by the events (of the current slice), by job id. */
    Map<UUID, NamedJob> namedJobs() {
        return namedJobs;
    }

    /** Every document's fold (of the current slice), by id. */
    public Map<UUID, FoldedDocument> folds() {
        Map<UUID, FoldedDocument> folds = new HashMap<>(documents.size() * 2);
        documents.forEach((id, d) -> {
            if (d.fold.document() != null) {
                folds.put(id, d.fold);
            }
        });
        return folds;
    }

    public void onUnreadable(Unreadable u) {
        counts.unreadableEvents++;
        violation(ViolationType.UNREADABLE_EVENT, null, u.partition(), u.offset(), u.reason() + ": " + u.detail());
    }

    public void onEvent(LoggedEvent logged) {
        RecordedEvent recorded = logged.event();
        UUID id = recorded.documentId();
        counts.events++;
        sliceEnded = false;
        // by wire type: an event of a newer writer's type counts under its own name
        typeCounts.computeIfAbsent(recorded.type(), c -> new long[1])[0]++;
        if (!logged.keyMatches()) {
            violation(ViolationType.EVENT_KEY_MISMATCH, id, logged, "record key is not the event's document id");
        }
        AuditedDocument d = documents.get(id);
        if (d == null) {
            d = new AuditedDocument();
            documents.put(id, d);
        }
        Document before = d.fold.document();
        if (recorded.version() <= d.fold.version()) {
            violation(ViolationType.DUPLICATE_EVENT, id, logged, recorded.type() + " v" + recorded.version()
                    + " (event " + recorded.eventId() + ") but the document is already at v" + d.fold.version()
                    + " (last event at " + Topics.EVENTS + "/" + d.lastPartition + "/" + d.lastOffset
                    + "): an event written twice or out of order");
            return;
        }
        check(d, before, logged);
        long versionBefore = d.fold.version();
        FoldStep.Kind step = d.fold.apply(logged.event(), logged.partition(), logged.offset());
        switch (step) {
            case GAP_FOLDED_OVER -> violation(ViolationType.VERSION_GAP, id, logged, recorded.type() + " v" + recorded.version()
                    + " follows v" + versionBefore + ": events v" + (versionBefore + 1) + ".." + (recorded.version() - 1)
                    + " are missing");
            case INVALID -> violation(ViolationType.INVALID_EVENT, id, logged, recorded.type() + " v"
                    + recorded.version() + " cannot be folded: " + d.fold.lastError());
            default -> { }
        }
        d.expiredJob = recorded.event() instanceof JobLeaseExpired expired ? expired.jobId() : null;
        d.lastPartition = logged.partition();
        d.lastOffset = logged.offset();
    }

    /** End-of-log checks; call once after the last event (of the last slice). */
    public void finish() {
        if (!sliceEnded) {
            endSlice();
        }
        typeCounts.forEach((type, n) -> counts.eventTypes.put(type, n[0]));
    }

    /** The most documents held at once: the largest slice's (the whole log's when not sliced). */
    public int largestSlice() {
        return Math.max(largestSlice, documents.size());
    }

    /** Forgets the ended slice's documents and jobs; the counts stay. */
    public void nextSlice() {
        if (!sliceEnded) {
            throw new IllegalStateException("endSlice() first: the slice's documents are not checked yet");
        }
        largestSlice = largestSlice();
        documents.clear();
        namedJobs.clear();
    }

    /** End-of-slice checks (nothing stuck pending) and the slice's documents counted by state. */
    public void endSlice() {
        sliceEnded = true;
        TreeMap<String, Long> states = new TreeMap<>();
        documents.forEach((id, d) -> {
            Document doc = d.fold.document();
            if (doc == null) {
                return;
            }
            counts.documents++;
            states.merge(doc.state().name(), 1L, Long::sum);
            if (doc.state() == DocumentState.SCAN_PENDING || doc.state() == DocumentState.OCR_PENDING) {
                JobLease lease = doc.currentJob();
                if (lease == null) {
                    violation(ViolationType.STUCK_PENDING, id, d.fold.partition(), d.fold.lastOffset(),
                            doc.state() + " but no job is running for it");
                } else if (lease.deadline().plus(margin).isBefore(now)) {
                    violation(ViolationType.STUCK_PENDING, id, d.fold.partition(), d.fold.lastOffset(),
                            doc.state() + " with " + lease.kind() + " job " + lease.jobId() + " (attempt "
                                    + lease.attempt() + ", issue " + lease.issue() + ") whose deadline "
                                    + lease.deadline() + " passed " + Duration.between(lease.deadline(), now)
                                    .toSeconds() + "s ago (margin " + margin.toSeconds() + "s)");
                }
            }
        });
        states.forEach((state, n) -> counts.states.merge(state, n, Long::sum));
    }

    private void check(AuditedDocument d, Document before, LoggedEvent logged) {
        RecordedEvent recorded = logged.event();
        UUID id = recorded.documentId();
        JobLease lease = before == null ? null : before.currentJob();
        DocumentEvent event = recorded.event();
        countPersonalFields(event);
        boolean erased = before != null && before.isErased();
        if (event instanceof ErasedDocumentResultDiscarded) {
            counts.erasedResultsDiscarded++;
            if (!erased) {
                violation(ViolationType.DISCARDED_RESULT_NOT_ERASED, id, logged, "a result was discarded as of an erased"
                        + " document, but the document is " + (before == null ? "unknown" : before.state()));
            }
            return;
        }
        // a newer writer's event type is only a version step (tolerant reader): not judged here
        if (erased && !(event instanceof UnknownEvent)) {
            violation(ViolationType.EVENT_AFTER_ERASURE, id, logged, recorded.type() + " v" + recorded.version()
                    + " after the document was erased: only discarded results may follow DocumentErased");
            return;
        }
        switch (event) {
            case ScanRequested r -> requested(d, before, logged, r.job(), r.issue(), JobKind.SCAN);
            case OcrRequested r -> {
                requested(d, before, logged, r.job(), r.issue(), JobKind.OCR);
                ocrIntent(d, before, logged, r);
            }
            case ScanConfirmed c -> {
                d.confirmations++;
                if (d.confirmations > 1) {
                    violation(ViolationType.DUPLICATE_CONFIRMATION, id, logged, "confirmation #" + d.confirmations
                            + " of the scan (command " + recorded.causationId() + "): a document is confirmed once");
                }
                d.confirmingCommand = recorded.causationId();
                d.ocrJobsOfConfirmation = 0;
            }
            case DocumentScanned r -> result(d, lease, logged, r.jobId(), JobKind.SCAN);
            case ScanAttemptFailed r -> result(d, lease, logged, r.jobId(), JobKind.SCAN);
            case TextExtracted r -> {
                result(d, lease, logged, r.jobId(), JobKind.OCR);
                intentEnded(d, AuditedDocument.IntentStatus.DONE);
            }
            case OcrAttemptFailed r -> {
                result(d, lease, logged, r.jobId(), JobKind.OCR);
                intentEnded(d, AuditedDocument.IntentStatus.FAILED);
            }
            case StaleJobResultIgnored s -> {
                counts.staleResults++;
                UUID current = lease == null ? null : lease.jobId();
                if (lease != null && lease.jobId().equals(s.jobId()) && s.resultType().startsWith(
                        lease.kind() == JobKind.SCAN ? "Scan" : "Ocr")) {
                    violation(ViolationType.CURRENT_RESULT_IGNORED, id, logged, s.resultType() + " of job "
                            + s.jobId() + " was ignored as stale, but it is the current job");
                } else if (!Objects.equals(current, s.currentJobId())) {
                    violation(ViolationType.CURRENT_RESULT_IGNORED, id, logged, "stale " + s.resultType()
                            + " records current job " + s.currentJobId() + ", but the fold's current job is "
                            + current);
                }
            }
            case JobLeaseExpired x -> {
                counts.leaseExpiries++;
                if (lease == null || !lease.jobId().equals(x.jobId())) {
                    violation(ViolationType.EXPIRY_NOT_CURRENT_JOB, id, logged, "lease of " + x.kind() + " job "
                            + x.jobId() + " expired, but the current job is " + (lease == null ? "none" : lease.jobId()));
                }
            }
            default -> { }
        }
    }

    /** Counts the personal field values of an event: sealed, or legacy plain text (written before sealing). */
    private void countPersonalFields(DocumentEvent event) {
        switch (event) {
            case DocumentRegistered r -> personal(r.file().fileName());
            case ScanRequested r -> personal(r.job().file().fileName());
            case OcrRequested r -> personal(r.job().file().fileName());
            case ReviewEdited r -> {
                ReviewPatch patch = r.patch();
                personal(patch.title());
                personal(patch.subject());
                personal(patch.correctedText());
                if (patch.tags() != null) {
                    patch.tags().forEach(this::personal);
                }
            }
            default -> { }
        }
    }

    private void personal(String value) {
        if (PersonalData.isSealed(value)) {
            counts.sealedPersonalFields++;
        } else if (PersonalData.isLegacyPlaintext(value)) {
            counts.legacyPlaintextPersonalFields++;
        }
    }

    private void requested(AuditedDocument d, Document before, LoggedEvent logged, Job job, int issue, JobKind kind) {
        UUID id = logged.event().documentId();
        if (kind == JobKind.SCAN) {
            counts.scanJobs++;
        } else {
            counts.ocrJobs++;
        }
        if (issue > 1) {
            counts.reissues++;
        }
        if (!job.documentId().equals(id) || job.kind() != kind) {
            violation(ViolationType.JOB_MISMATCH, id, logged, "event " + logged.event().type() + " names "
                    + job.kind() + " job " + job.jobId() + " of document " + job.documentId());
        }
        NamedJob previous = namedJobs.putIfAbsent(job.jobId(),
                new NamedJob(job, logged.partition(), logged.offset()));
        if (previous != null) {
            violation(ViolationType.JOB_NAMED_TWICE, id, logged, kind + " job " + job.jobId()
                    + " is already named by the event at " + Topics.EVENTS + "/" + previous.address());
        }
        JobLease lease = before == null ? null : before.currentJob();
        if (issue == 1) {
            if (lease != null) {
                violation(ViolationType.JOB_IN_FLIGHT, id, logged, kind + " job " + job.jobId() + " requested while "
                        + lease.kind() + " job " + lease.jobId() + " (attempt " + lease.attempt() + ") is in flight");
            }
        } else if (lease == null || !lease.jobId().equals(d.expiredJob) || lease.kind() != kind) {
            violation(ViolationType.REISSUE_WITHOUT_EXPIRY, id, logged, kind + " job " + job.jobId() + " re-issued"
                    + " (issue " + issue + ") without the lease of the current job "
                    + (lease == null ? "(none)" : lease.jobId()) + " expiring first");
        }
    }

    private void ocrIntent(AuditedDocument d, Document before, LoggedEvent logged, OcrRequested requested) {
        UUID id = logged.event().documentId();
        Job job = requested.job();
        String key = job.engineVersion() == null ? "" : job.engineVersion();
        String engine = job.engineVersion() == null ? "the default engine" : "engine " + job.engineVersion();
        String address = Topics.EVENTS + "/" + logged.partition() + "/" + logged.offset();
        if (requested.issue() > 1) {
            AuditedDocument.OcrIntent intent = d.ocrIntents.get(key);
            if (intent != null) {
                intent.jobId = job.jobId();
            }
            return;
        }
        String problem = null;
        AuditedDocument.OcrIntent existing = d.ocrIntents.get(key);
        if (existing != null && existing.status != AuditedDocument.IntentStatus.FAILED) {
            problem = "second OCR job " + job.jobId() + " for (document, " + engine + ") while job " + existing.jobId
                    + " (" + existing.address + ") is " + existing.status.name().toLowerCase(Locale.ROOT);
        }
        if (d.confirmingCommand != null && d.confirmingCommand.equals(logged.event().causationId())) {
            d.ocrJobsOfConfirmation++;
            if (d.ocrJobsOfConfirmation > 1 && problem == null) {
                problem = "OCR job #" + d.ocrJobsOfConfirmation + " for the confirmation by command "
                        + d.confirmingCommand;
            }
        }
        if (problem == null && job.engineVersion() != null && before != null
                && before.state() != DocumentState.OCR_FAILED
                && !EngineVersions.isNewer(job.engineVersion(), before.ocr().servedEngineVersion())) {
            problem = "OCR job " + job.jobId() + " reprocesses to " + engine + ", but the document already has or "
                    + "was asked for engine " + before.ocr().servedEngineVersion();
        }
        if (problem != null) {
            violation(ViolationType.DUPLICATE_OCR_JOB, id, logged, problem);
        }
        d.ocrIntents.put(key, new AuditedDocument.OcrIntent(job.jobId(), address));
        d.currentOcrKey = key;
    }

    private void intentEnded(AuditedDocument d, AuditedDocument.IntentStatus status) {
        if (d.currentOcrKey != null) {
            AuditedDocument.OcrIntent intent = d.ocrIntents.get(d.currentOcrKey);
            if (intent != null) {
                intent.status = status;
            }
        }
    }

    private void result(AuditedDocument d, JobLease lease, LoggedEvent logged, UUID jobId, JobKind kind) {
        counts.acceptedResults++;
        if (lease == null || !lease.jobId().equals(jobId) || lease.kind() != kind) {
            violation(ViolationType.RESULT_NOT_CURRENT_JOB, logged.event().documentId(), logged,
                    logged.event().type() + " accepts a result of " + kind + " job " + jobId + ", but the current job"
                            + " was " + (lease == null ? "none" : lease.kind() + " job " + lease.jobId()));
        }
    }

    private void violation(ViolationType type, UUID documentId, LoggedEvent at, String message) {
        violation(type, documentId, at.partition(), at.offset(), message);
    }

    private void violation(ViolationType type, UUID documentId, int partition, long offset, String message) {
        violations.accept(new Violation(type, documentId, Topics.EVENTS, partition, offset, message));
    }
}
