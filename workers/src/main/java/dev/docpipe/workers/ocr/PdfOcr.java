package dev.docpipe.workers.ocr;

import dev.docpipe.workers.config.OcrProperties;
import dev.docpipe.workers.content.LoadedFile;
import dev.docpipe.workers.content.PdfFiles;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.PermanentFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.util.Version;
import org.springframework.stereotype.Component;

/**
 * Text of a PDF, page by page: a page's text layer when it has one (exact, and fast), otherwise
 * the page rendered at {@code docpipe.ocr.render-dpi} and read by Tesseract. Mixed documents (a
 * typed letter with a scanned form attached) thus get both.
 */
@Component
public class PdfOcr {
    static final String TEXT_LAYER_ENGINE = "pdfbox";

    private final Tesseract tesseract;
    private final OcrProperties properties;

    public PdfOcr(Tesseract tesseract, OcrProperties properties) {
        this.tesseract = tesseract;
        this.properties = properties;
    }

    Extraction extract(LoadedFile file, JobContext ctx, EngineVersionCheck versionCheck)
            throws PermanentFailure, JobAbortedException, IOException {
        PDDocument document = PdfFiles.open(file.bytes());
        try (ScratchDir scratch = new ScratchDir()) {
            List<String> layers = PdfFiles.pageTexts(document, ctx);
            List<String> pages = new ArrayList<>(layers.size());
            Tesseract.Engine engine = null;
            for (int i = 0; i < layers.size(); i++) {
                ctx.checkpoint();
                if (PdfFiles.hasText(layers.get(i))) {
                    pages.add(layers.get(i).strip());
                    continue;
                }
                if (engine == null) {
                    engine = tesseract.engine(); // only now: a PDF with a full text layer needs no OCR engine
                    versionCheck.accept(engine);
                }
                var image = PdfFiles.render(document, i, properties.renderDpi(), ImageType.GRAY);
                var pgm = Pgm.write(image, scratch.path("page-" + (i + 1) + ".pgm"));
                image.flush();
                pages.add(tesseract.recognize(pgm, properties.renderDpi(), ctx).strip());
            }
            ctx.pagesDone(pages.size());
            String text = String.join("\n\n", pages);
            return engine == null
                    ? new Extraction(text, TEXT_LAYER_ENGINE, Version.getVersion())
                    : new Extraction(text, Tesseract.ENGINE, engine.version());
        } finally {
            PdfFiles.closeQuietly(document);
        }
    }

    /** Refuses an engine older than the one a reprocess asked for. */
    @FunctionalInterface
    interface EngineVersionCheck {
        void accept(Tesseract.Engine engine) throws PermanentFailure;
    }
}
