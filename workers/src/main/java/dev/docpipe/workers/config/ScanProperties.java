package dev.docpipe.workers.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.scan.*}: thresholds for the quality warnings the user sees after a scan.
 *
 * @param minImageLongSidePx an image whose longer side is below this is IMAGE_TOO_SMALL: a whole A4
 *     page in fewer pixels is under ~85 DPI, too coarse for OCR. The longer side, because a photo
 *     of a single line (long and thin) is fine
 * @param minDpi below this declared resolution an image is LOW_RESOLUTION (Tesseract wants ~300)
 * @param maxPixels larger images are refused before decoding (a tiny PNG can declare gigapixels)
 */
@ConfigurationProperties("docpipe.scan")
public record ScanProperties(
        @DefaultValue("1000") int minImageLongSidePx,
        @DefaultValue("150") int minDpi,
        @DefaultValue("150000000") long maxPixels) {}
