package dev.docpipe.workers.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.ocr.*}: the Tesseract engine.
 *
 * @param tesseractPath the {@code tesseract} executable (a name is looked up on PATH)
 * @param language Tesseract language(s), e.g. {@code eng} or {@code eng+deu}
 * @param renderDpi resolution at which image-only PDF pages are rendered for OCR; 300 is what
 *     Tesseract is tuned for, more costs time without better text
 * @param threadsPerProcess OMP_THREAD_LIMIT for each tesseract run. 1 avoids oversubscribing the
 *     CPUs when several OCR jobs run at once (concurrency is the better lever for throughput)
 * @param pageSegmentationMode Tesseract's --psm; 3 = automatic page segmentation
 */
@ConfigurationProperties("docpipe.ocr")
public record OcrProperties(
        @DefaultValue("tesseract") String tesseractPath,
        @DefaultValue("eng") String language,
        @DefaultValue("300") int renderDpi,
        @DefaultValue("1") int threadsPerProcess,
        @DefaultValue("3") int pageSegmentationMode) {}
