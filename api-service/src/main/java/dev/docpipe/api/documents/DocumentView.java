package dev.docpipe.api.documents;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.ReviewFields;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.readmodel.DocumentRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document as the mobile app sees it (docs/design.md, "HTTP API"). */
public record DocumentView(
        UUID documentId,
        UUID childId,
        String state,
        long version,
        long reviewVersion,
        FileView file,
        ScanView scan,
        OcrView ocr,
        ReviewView review,
        String lastFailure,
        Instant createdAt,
        Instant updatedAt) {

    /** @param fileName the client's file name, for display only (sanitised) */
    public record FileView(String contentType, long sizeBytes, String fileName) {}

    /** @param report the quick scan's metadata, null until scanned */
    public record ScanView(int attempt, ScanReport report) {}

    /** @param textAvailable whether GET …/text has something to show */
    public record OcrView(int attempt, String engine, String engineVersion, long textLength, boolean textAvailable) {}

    public record ReviewView(String title, String subject, String language, List<String> tags, String correctedText) {}

    /**
     * The document as the app may see it. An erased one (in a list of the child's documents; a GET of it is
     * 410) shows ids, state, versions and times only: file, scan, OCR and review are null.
     */
    public static DocumentView of(DocumentRow row) {
        Document d = row.document();
        if (d.state() == DocumentState.ERASED) {
            return new DocumentView(d.documentId(), d.childId(), d.state().name(), d.version(), d.review().version(),
                    null, null, null, null, null, row.createdAt(), row.updatedAt());
        }
        ReviewFields fields = d.review().fields();
        return new DocumentView(d.documentId(), d.childId(), d.state().name(), d.version(), d.review().version(),
                new FileView(d.file().contentType(), d.file().sizeBytes(), d.file().fileName()),
                new ScanView(d.scan().attempt(), d.scan().report()),
                new OcrView(d.ocr().attempt(), d.ocr().engine(), d.ocr().engineVersion(), d.ocr().textLength(),
                        d.ocr().textRef() != null || fields.correctedText() != null),
                new ReviewView(fields.title(), fields.subject(), fields.language(), fields.tags(),
                        fields.correctedText()),
                d.lastFailure(), row.createdAt(), row.updatedAt());
    }
}
