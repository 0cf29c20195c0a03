package dev.docpipe.workers.content;

import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDFBox access for scan and OCR. The document is parsed from bytes in memory, so any exception
 * PDFBox raises is about the file: it becomes a {@link PermanentFailure}, never a retry.
 */
public final class PdfFiles {
    /**
     * A page with fewer letters or digits than this has no usable text layer: scanners sometimes
     * leave a page number or stray glyphs on an otherwise pure image page.
     */
    public static final int MIN_TEXT_CHARS = 3;

    /** The largest image on a page, and the resolution it has when it spans the page. */
    public record PageImage(int width, int height, int effectiveDpi) {}

    private PdfFiles() {}

    public static PDDocument open(byte[] bytes) throws PermanentFailure {
        PDDocument document;
        try {
            document = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new PermanentFailure(FailureReason.PASSWORD_PROTECTED, "the PDF needs a password to open");
        } catch (IOException | RuntimeException e) {
            throw new PermanentFailure(FailureReason.CORRUPT_FILE, "unreadable PDF: " + e.getMessage(), e);
        }
        if (document.getNumberOfPages() == 0) {
            closeQuietly(document);
            throw new PermanentFailure(FailureReason.CORRUPT_FILE, "the PDF has no pages");
        }
        return document;
    }

    /** The text layer of every page, in order; checks the job's deadline between pages. */
    public static List<String> pageTexts(PDDocument document, JobContext ctx)
            throws PermanentFailure, JobAbortedException {
        List<String> texts = new ArrayList<>(document.getNumberOfPages());
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true); // reading order of scanned-then-OCRed layers is often scrambled
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                ctx.checkpoint();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                texts.add(stripper.getText(document));
            }
        } catch (IOException | RuntimeException e) {
            throw new PermanentFailure(FailureReason.CORRUPT_FILE, "unreadable PDF text: " + e.getMessage(), e);
        }
        return texts;
    }

    public static boolean hasText(String pageText) {
        return pageText.codePoints().filter(Character::isLetterOrDigit).limit(MIN_TEXT_CHARS).count() >= MIN_TEXT_CHARS;
    }

    public static BufferedImage render(PDDocument document, int pageIndex, float dpi, ImageType type)
            throws PermanentFailure {
        try {
            return new PDFRenderer(document).renderImageWithDPI(pageIndex, dpi, type);
        } catch (IOException | RuntimeException e) {
            throw new PermanentFailure(FailureReason.CORRUPT_FILE,
                    "page " + (pageIndex + 1) + " cannot be rendered: " + e.getMessage(), e);
        }
    }

    /**
     * The page's largest image XObject. Scanned PDFs hold one page-sized image per page, so its
     * pixels over the page's width in inches is the scan's resolution. Images nested in form
     * XObjects are not looked at: scanners do not write them.
     */
    public static Optional<PageImage> largestImage(PDPage page) {
        PDResources resources = page.getResources();
        if (resources == null) {
            return Optional.empty();
        }
        PDImageXObject largest = null;
        for (COSName name : resources.getXObjectNames()) {
            try {
                PDXObject xObject = resources.getXObject(name);
                if (xObject instanceof PDImageXObject image
                        && (largest == null || (long) image.getWidth() * image.getHeight()
                                > (long) largest.getWidth() * largest.getHeight())) {
                    largest = image;
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable image says nothing about resolution; the page may still be fine
            }
        }
        if (largest == null) {
            return Optional.empty();
        }
        // Images are placed in the unrotated page space, so /Rotate does not matter here.
        PDRectangle box = page.getCropBox();
        float widthInches = box.getWidth() / 72f;
        float heightInches = box.getHeight() / 72f;
        // The smaller of the two ratios: an image that does not span the page would overstate it.
        int dpi = Math.round(Math.min(largest.getWidth() / widthInches, largest.getHeight() / heightInches));
        return Optional.of(new PageImage(largest.getWidth(), largest.getHeight(), dpi));
    }

    public static void closeQuietly(PDDocument document) {
        try {
            document.close();
        } catch (IOException ignored) {
            // in-memory document: nothing left to release
        }
    }
}
