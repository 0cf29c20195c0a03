package dev.docpipe.model.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * A document's state, folded from its events. {@link #evolve} is the only way it changes, so the
 * same events always give the same document: in the pipeline's store, in the read model, in audits.
 *
 * @param version the number of events applied
 * @param currentJob the job whose result the document waits for, or null
 * @param lastFailure the reason of the latest failed attempt, or null
 * @param formerTextRefs the text blobs of earlier extractions, replaced by a newer one (a retry, a reprocess)
 *     or never accepted (a stale OCR result), oldest first: with the file and the current text, every blob
 *     the document ever referenced, which erasure must purge ({@link #blobRefs()})
 */
public record Document(
        UUID documentId,
        UUID childId,
        String owner,
        FileRef file,
        DocumentState state,
        long version,
        ScanStatus scan,
        OcrStatus ocr,
        ReviewStatus review,
        JobLease currentJob,
        String lastFailure,
        @JsonProperty(isRequired = OptBoolean.FALSE) List<String> formerTextRefs) {

    public Document {
        formerTextRefs = formerTextRefs == null ? List.of() : List.copyOf(formerTextRefs);
    }

    /** A document without former text refs (every document before the first re-extraction). */
    public Document(UUID documentId, UUID childId, String owner, FileRef file, DocumentState state, long version,
            ScanStatus scan, OcrStatus ocr, ReviewStatus review, JobLease currentJob, String lastFailure) {
        this(documentId, childId, owner, file, state, version, scan, ocr, review, currentJob, lastFailure, List.of());
    }

    /** Every blob this document references or ever referenced, each once: the file, then every text. */
    @JsonIgnore
    public List<String> blobRefs() {
        LinkedHashSet<String> refs = new LinkedHashSet<>();
        if (file != null) {
            refs.add(file.blobRef());
        }
        refs.addAll(formerTextRefs);
        if (ocr != null && ocr.textRef() != null) {
            refs.add(ocr.textRef());
        }
        return List.copyOf(refs);
    }

    @JsonIgnore
    public boolean isErased() {
        return state == DocumentState.ERASED;
    }

    /** Folds one event; {@code before} is null for a document's first event. */
    public static Document evolve(Document before, UUID documentId, DocumentEvent event) {
        if (before == null) {
            if (!(event instanceof DocumentRegistered registered)) {
                throw new IllegalStateException("first event of " + documentId + " must be DocumentRegistered, was "
                        + event.type());
            }
            return new Document(documentId, registered.childId(), registered.owner(), registered.file(),
                    DocumentState.SCAN_PENDING, 1, new ScanStatus(0, null), OcrStatus.NONE, ReviewStatus.NONE, null,
                    null);
        }
        return before.apply(event).withVersion(before.version + 1);
    }

    private Document apply(DocumentEvent event) {
        return switch (event) {
            case DocumentRegistered e -> throw new IllegalStateException("document " + documentId + " already registered");
            case ScanRequested e -> new Document(documentId, childId, owner, file, DocumentState.SCAN_PENDING, version,
                    scan.withAttempt(e.job().attempt()), ocr, review, JobLease.of(e.job(), e.issue()),
                    lastFailure, formerTextRefs);
            case DocumentScanned e -> new Document(documentId, childId, owner, file, DocumentState.SCANNED, version,
                    new ScanStatus(scan.attempt(), e.report()), ocr, review, null, null, formerTextRefs);
            case ScanAttemptFailed e -> failed(DocumentState.SCAN_FAILED, e.reason());
            case ScanConfirmed e -> this;
            case OcrRequested e -> new Document(documentId, childId, owner, file, DocumentState.OCR_PENDING, version,
                    scan, ocr.requested(e.job().attempt(), e.job().engineVersion(), state), review,
                    JobLease.of(e.job(), e.issue()), lastFailure, formerTextRefs);
            case TextExtracted e -> new Document(documentId, childId, owner, file, DocumentState.EXTRACTED, version,
                    scan, ocr.extracted(e.engine(), e.engineVersion(), e.textRef(), e.textLength()), review, null,
                    null, withFormer(ocr.textRef(), e.textRef()));
            // A failed reprocess goes back to the state it started from, text and review intact.
            case OcrAttemptFailed e -> new Document(documentId, childId, owner, file, ocr.stateAfterFailure(), version,
                    scan, ocr.failed(), review, null, e.reason(), formerTextRefs);
            case ReviewEdited e -> new Document(documentId, childId, owner, file, state, version, scan, ocr,
                    new ReviewStatus(e.reviewVersion(), review.fields().apply(e.patch())), currentJob, lastFailure,
                    formerTextRefs);
            case DocumentValidated e -> new Document(documentId, childId, owner, file, DocumentState.VALIDATED,
                    version, scan, ocr, review, currentJob, lastFailure, formerTextRefs);
            // A stale OCR result wrote a text blob no event accepted: remembered so that erasure purges it.
            case StaleJobResultIgnored e -> e.textRef() == null ? this : new Document(documentId, childId, owner,
                    file, state, version, scan, ocr, review, currentJob, lastFailure, withFormer(e.textRef(), ocr.textRef()));
            case DocumentErased e -> erased();
            // The result's text blob is purged by whoever reads the event; the erased document stays as it is.
            case ErasedDocumentResultDiscarded e -> this;
            // The re-issue or failure event that always follows decides what the document waits for next.
            case JobLeaseExpired e -> this;
            // A newer writer's event: only its version counts here (docs/design.md "Evolution rules").
            case UnknownEvent e -> this;
        };
    }

    private Document failed(DocumentState failureState, String reason) {
        return new Document(documentId, childId, owner, file, failureState, version, scan, ocr, review, null, reason,
                formerTextRefs);
    }

    /**
     * Ids, states, versions, attempts and times stay (history and audit work on them); the file name, the
     * review fields and every text ref go, so the latest stored value of an erased document holds none. The
     * file's blob ref stays, as it does in {@code DocumentRegistered}: a hash of content that is deleted.
     */
    private Document erased() {
        FileRef erasedFile = file == null ? null : new FileRef(file.blobRef(), file.contentType(), file.sizeBytes(),
                null);
        OcrStatus erasedOcr = ocr == null ? null : ocr.withoutText();
        ReviewStatus erasedReview = review == null ? null : new ReviewStatus(review.version(), ReviewFields.EMPTY);
        return new Document(documentId, childId, owner, erasedFile, DocumentState.ERASED, version, scan, erasedOcr,
                erasedReview, null, lastFailure, List.of());
    }

    /** The former text refs plus {@code replaced} (unless it is null or {@code current}), each once. */
    private List<String> withFormer(String replaced, String current) {
        if (replaced == null || replaced.equals(current) || formerTextRefs.contains(replaced)) {
            return formerTextRefs;
        }
        List<String> refs = new ArrayList<>(formerTextRefs);
        refs.add(replaced);
        return refs;
    }

    private Document withVersion(long newVersion) {
        return new Document(documentId, childId, owner, file, state, newVersion, scan, ocr, review, currentJob,
                lastFailure, formerTextRefs);
    }
}
