package dev.docpipe.workers.scan;

/** The quality signals a scan reports to the user before OCR; stable codes, like failure reasons. */
public enum QualityWarning {
    /** A PDF without text on any page: OCR will have to read the page images. */
    NO_TEXT_LAYER,
    /** Some pages of a PDF have text, others are images only. */
    PARTIAL_TEXT_LAYER,
    /** At least one page (or the image) is empty: a skipped sheet or the back of one. */
    BLANK_PAGE,
    /** The image's longer side is too small for reliable OCR. */
    IMAGE_TOO_SMALL,
    /** The declared (or, in a PDF, effective) resolution is too low for reliable OCR. */
    LOW_RESOLUTION,
    /** A text file without a single letter or digit. */
    EMPTY_TEXT
}
