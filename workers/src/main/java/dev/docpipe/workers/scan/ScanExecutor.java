package dev.docpipe.workers.scan;

import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.workers.content.FileLoader;
import dev.docpipe.workers.content.LanguageGuesser;
import dev.docpipe.workers.content.LoadedFile;
import dev.docpipe.workers.content.TextFiles;
import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.JobExecutor;
import dev.docpipe.workers.execution.PermanentFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The quick scan: what the uploaded file really is and whether it is good enough to OCR. */
@Component
public class ScanExecutor implements JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(ScanExecutor.class);

    private final FileLoader loader;
    private final PdfScanner pdfs;
    private final ImageScanner images;
    private final LanguageGuesser languages;

    public ScanExecutor(FileLoader loader, PdfScanner pdfs, ImageScanner images, LanguageGuesser languages) {
        this.loader = loader;
        this.pdfs = pdfs;
        this.images = images;
        this.languages = languages;
    }

    @Override
    public JobKind kind() {
        return JobKind.SCAN;
    }

    @Override
    public JobResult execute(JobContext ctx) throws JobAbortedException {
        Job job = ctx.job();
        try {
            LoadedFile file = loader.load(ctx);
            ScanReport report = switch (file.type()) {
                case PDF -> pdfs.scan(file, ctx);
                case IMAGE -> images.scan(file);
                case TEXT -> text(file);
                case UNSUPPORTED -> throw new PermanentFailure(FailureReason.UNSUPPORTED_TYPE, "content is "
                        + file.mediaType() + "; supported are PDF, PNG, JPEG, TIFF, BMP, GIF and plain text");
            };
            // Images and text files have no page count; each is one page.
            ctx.pagesDone(report.pageCount() == null ? 1 : report.pageCount());
            return new ScanSucceeded(job.jobId(), job.documentId(), ctx.now(), report);
        } catch (PermanentFailure f) {
            return new ScanFailed(job.jobId(), job.documentId(), ctx.now(), f.reason().name(), false, f.detail());
        } catch (RuntimeException e) {
            // A bug of ours, not the file's fault: say so, and let the user retry once it is fixed.
            log.error("scan job {} failed unexpectedly", job.jobId(), e);
            return new ScanFailed(job.jobId(), job.documentId(), ctx.now(),
                    FailureReason.INTERNAL_ERROR.name(), true, e.toString());
        }
    }

    private ScanReport text(LoadedFile file) {
        String text = TextFiles.decode(file.bytes());
        List<String> warnings = TextFiles.hasContent(text) ? List.of() : List.of(QualityWarning.EMPTY_TEXT.name());
        return new ScanReport(file.mediaType(), null, null, null, null,
                languages.guess(text).orElse(null), true, warnings);
    }
}
