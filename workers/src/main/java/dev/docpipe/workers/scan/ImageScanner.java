package dev.docpipe.workers.scan;

import dev.docpipe.model.document.ScanReport;
import dev.docpipe.workers.config.ScanProperties;
import dev.docpipe.workers.content.ImageFiles;
import dev.docpipe.workers.content.LoadedFile;
import dev.docpipe.workers.execution.PermanentFailure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Scan of a photo or scanned image: dimensions, declared resolution, frames, blank or too small. */
@Component
public class ImageScanner {
    private final ScanProperties thresholds;

    public ImageScanner(ScanProperties thresholds) {
        this.thresholds = thresholds;
    }

    public ScanReport scan(LoadedFile file) throws PermanentFailure {
        ImageFiles.ImageInfo image = ImageFiles.inspect(file.bytes(), thresholds.maxPixels(), true);
        List<String> warnings = new ArrayList<>();
        if (Math.max(image.width(), image.height()) < thresholds.minImageLongSidePx()) {
            warnings.add(QualityWarning.IMAGE_TOO_SMALL.name());
        }
        if (image.dpi() != null && image.dpi() < thresholds.minDpi()) {
            warnings.add(QualityWarning.LOW_RESOLUTION.name());
        }
        if (Boolean.TRUE.equals(image.blank())) {
            warnings.add(QualityWarning.BLANK_PAGE.name());
        }
        // No language: finding text in an image is OCR's job, and the scan is meant to be quick.
        return new ScanReport(file.mediaType(), image.frames(), image.width(), image.height(), image.dpi(),
                null, false, warnings);
    }
}
