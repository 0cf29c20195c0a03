package dev.docpipe.workers.content;

import java.util.Map;

/** The kinds of file the workers handle, mapped from the media type Tika detects in the bytes. */
public enum FileType {
    PDF,
    IMAGE,
    TEXT,
    UNSUPPORTED;

    // Image formats both ImageIO (scan) and Tesseract's Leptonica (OCR) read.
    private static final Map<String, FileType> BY_MEDIA_TYPE = Map.of(
            "application/pdf", PDF,
            "image/png", IMAGE,
            "image/jpeg", IMAGE,
            "image/tiff", IMAGE,
            "image/bmp", IMAGE,
            "image/x-ms-bmp", IMAGE,
            "image/gif", IMAGE,
            "text/plain", TEXT);

    /** @param baseType a media type without parameters, e.g. {@code text/plain} */
    public static FileType of(String baseType) {
        return BY_MEDIA_TYPE.getOrDefault(baseType, UNSUPPORTED);
    }
}
