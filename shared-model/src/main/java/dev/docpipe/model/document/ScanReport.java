package dev.docpipe.model.document;

import java.util.List;

/** What the quick scan found out about the file; every field but detectedType may be unknown (null). */
public record ScanReport(
        String detectedType,
        Integer pageCount,
        Integer widthPx,
        Integer heightPx,
        Integer dpi,
        String language,
        Boolean hasTextLayer,
        List<String> qualityWarnings) {
    public ScanReport {
        qualityWarnings = qualityWarnings == null ? List.of() : List.copyOf(qualityWarnings);
    }
}
