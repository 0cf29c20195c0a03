package dev.docpipe.workers.health;

import dev.docpipe.workers.config.OcrProperties;
import dev.docpipe.workers.config.WorkerProperties;
import dev.docpipe.workers.execution.PermanentFailure;
import dev.docpipe.workers.ocr.Tesseract;
import java.util.TreeSet;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness on Tesseract ({@code tesseract}): the configured executable runs and has the configured
 * languages; its version is a detail, so an operator sees which engine the fleet runs (reprocessing
 * to a newer engine version depends on it). A process that runs no OCR does not need it and says so.
 */
@Component
public class TesseractHealthIndicator implements HealthIndicator {
    private final Tesseract tesseract;
    private final OcrProperties ocr;
    private final boolean ocrEnabled;

    public TesseractHealthIndicator(Tesseract tesseract, OcrProperties ocr, WorkerProperties workers) {
        this.tesseract = tesseract;
        this.ocr = ocr;
        this.ocrEnabled = workers.ocr().enabled();
    }

    @Override
    public Health health() {
        if (!ocrEnabled) {
            return Health.up().withDetail("status", "not needed: OCR is disabled in this process").build();
        }
        try {
            Tesseract.Engine engine = tesseract.engine();
            return Health.up()
                    .withDetail("path", ocr.tesseractPath())
                    .withDetail("version", engine.version())
                    .withDetail("languages", new TreeSet<>(engine.languages()))
                    .build();
        } catch (PermanentFailure failure) {
            return Health.down()
                    .withDetail("path", ocr.tesseractPath())
                    .withDetail("reason", failure.reason().name())
                    .withDetail("error", failure.detail())
                    .build();
        }
    }
}
