package dev.docpipe.workers.scan;

import dev.docpipe.model.document.ScanReport;
import dev.docpipe.workers.config.ScanProperties;
import dev.docpipe.workers.content.Blankness;
import dev.docpipe.workers.content.LanguageGuesser;
import dev.docpipe.workers.content.LoadedFile;
import dev.docpipe.workers.content.PdfFiles;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.PermanentFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.springframework.stereotype.Component;

/**
 * Scan of a PDF: pages, text layer per page, language of the text, and for image-only pages the
 * scan's pixel size and effective resolution, and whether a page is blank.
 */
@Component
public class PdfScanner {
    /** Blank checks render a thumbnail; this resolution is plenty to see ink and costs milliseconds. */
    private static final float BLANK_CHECK_DPI = 24;
    /** Bounds the quick scan of very long image-only PDFs; a blank sheet is almost always early. */
    private static final int MAX_BLANK_CHECKS = 100;

    private final ScanProperties thresholds;
    private final LanguageGuesser languages;

    public PdfScanner(ScanProperties thresholds, LanguageGuesser languages) {
        this.thresholds = thresholds;
        this.languages = languages;
    }

    public ScanReport scan(LoadedFile file, JobContext ctx) throws PermanentFailure, JobAbortedException {
        PDDocument document = PdfFiles.open(file.bytes());
        try {
            List<String> texts = PdfFiles.pageTexts(document, ctx);
            List<Integer> imageOnlyPages = new ArrayList<>();
            StringBuilder allText = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                if (PdfFiles.hasText(texts.get(i))) {
                    allText.append(texts.get(i)).append('\n');
                } else {
                    imageOnlyPages.add(i);
                }
            }
            Set<String> warnings = new LinkedHashSet<>();
            boolean hasTextLayer = imageOnlyPages.size() < texts.size();
            if (!hasTextLayer) {
                warnings.add(QualityWarning.NO_TEXT_LAYER.name());
            } else if (!imageOnlyPages.isEmpty()) {
                warnings.add(QualityWarning.PARTIAL_TEXT_LAYER.name());
            }

            Optional<PdfFiles.PageImage> scanImage = imageOnlyPages.isEmpty()
                    ? Optional.empty()
                    : PdfFiles.largestImage(document.getPage(imageOnlyPages.getFirst()));
            scanImage.ifPresent(image -> {
                if (Math.max(image.width(), image.height()) < thresholds.minImageLongSidePx()) {
                    warnings.add(QualityWarning.IMAGE_TOO_SMALL.name());
                }
                if (image.effectiveDpi() < thresholds.minDpi()) {
                    warnings.add(QualityWarning.LOW_RESOLUTION.name());
                }
            });
            if (anyBlank(document, imageOnlyPages, ctx)) {
                warnings.add(QualityWarning.BLANK_PAGE.name());
            }
            return new ScanReport("application/pdf", texts.size(),
                    scanImage.map(PdfFiles.PageImage::width).orElse(null),
                    scanImage.map(PdfFiles.PageImage::height).orElse(null),
                    scanImage.map(PdfFiles.PageImage::effectiveDpi).orElse(null),
                    languages.guess(allText.toString()).orElse(null),
                    hasTextLayer,
                    List.copyOf(warnings));
        } finally {
            PdfFiles.closeQuietly(document);
        }
    }

    /** Only pages without text can be blank; they are rendered as thumbnails and checked for ink. */
    private boolean anyBlank(PDDocument document, List<Integer> imageOnlyPages, JobContext ctx)
            throws PermanentFailure, JobAbortedException {
        for (int page : imageOnlyPages.subList(0, Math.min(MAX_BLANK_CHECKS, imageOnlyPages.size()))) {
            ctx.checkpoint();
            if (Blankness.isBlank(PdfFiles.render(document, page, BLANK_CHECK_DPI, ImageType.GRAY))) {
                return true;
            }
        }
        return false;
    }
}
