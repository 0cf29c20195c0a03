package dev.docpipe.workers.ocr;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.model.document.EngineVersions;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.workers.config.ScanProperties;
import dev.docpipe.workers.content.FileLoader;
import dev.docpipe.workers.content.ImageFiles;
import dev.docpipe.workers.content.LoadedFile;
import dev.docpipe.workers.content.TextFiles;
import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.JobExecutor;
import dev.docpipe.workers.execution.PermanentFailure;
import dev.docpipe.workers.execution.TransientRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * OCR: the document's full text, stored in the blob store; the result carries its reference,
 * length, and the engine and version that produced it. Where OCR is needed and Tesseract is
 * missing, the job fails with OCR_ENGINE_MISSING: no text is ever made up.
 */
@Component
public class OcrExecutor implements JobExecutor {
    static final String PLAIN_TEXT_ENGINE = "plain-text";
    static final String PLAIN_TEXT_VERSION = "1";
    private static final Logger log = LoggerFactory.getLogger(OcrExecutor.class);

    private final FileLoader loader;
    private final PdfOcr pdfs;
    private final Tesseract tesseract;
    private final BlobStore blobs;
    private final TransientRetry retry;
    private final ScanProperties limits;

    public OcrExecutor(FileLoader loader, PdfOcr pdfs, Tesseract tesseract, BlobStore blobs, TransientRetry retry,
            ScanProperties limits) {
        this.loader = loader;
        this.pdfs = pdfs;
        this.tesseract = tesseract;
        this.blobs = blobs;
        this.retry = retry;
        this.limits = limits;
    }

    @Override
    public JobKind kind() {
        return JobKind.OCR;
    }

    @Override
    public JobResult execute(JobContext ctx) throws JobAbortedException {
        Job job = ctx.job();
        try {
            LoadedFile file = loader.load(ctx);
            Extraction extraction = switch (file.type()) {
                case TEXT -> plainText(file, ctx);
                case PDF -> pdfs.extract(file, ctx, engine -> checkRequestedVersion(job, engine));
                case IMAGE -> image(file, ctx);
                case UNSUPPORTED -> throw new PermanentFailure(FailureReason.UNSUPPORTED_TYPE,
                        "content is " + file.mediaType() + "; OCR reads PDF, images and plain text");
            };
            StoredBlob stored = retry.call(ctx, "storing extracted text", () -> blobs.putText(extraction.text()));
            return new OcrSucceeded(job.jobId(), job.documentId(), ctx.now(), stored.ref().value(),
                    extraction.text().length(), extraction.engine(), extraction.engineVersion());
        } catch (PermanentFailure f) {
            return new OcrFailed(job.jobId(), job.documentId(), ctx.now(), f.reason().name(), false, f.detail());
        } catch (IOException | UncheckedIOException e) {
            // Scratch files on the local disk: a full /tmp is the machine's problem, not the file's.
            log.error("OCR job {} failed on local scratch files", job.jobId(), e);
            return new OcrFailed(job.jobId(), job.documentId(), ctx.now(),
                    FailureReason.INTERNAL_ERROR.name(), true, e.toString());
        } catch (RuntimeException e) {
            log.error("OCR job {} failed unexpectedly", job.jobId(), e);
            return new OcrFailed(job.jobId(), job.documentId(), ctx.now(),
                    FailureReason.INTERNAL_ERROR.name(), true, e.toString());
        }
    }

    private static Extraction plainText(LoadedFile file, JobContext ctx) {
        ctx.pagesDone(1);
        return new Extraction(TextFiles.decode(file.bytes()), PLAIN_TEXT_ENGINE, PLAIN_TEXT_VERSION);
    }

    private Extraction image(LoadedFile file, JobContext ctx)
            throws PermanentFailure, JobAbortedException, IOException {
        // Validate first: a corrupt image is CORRUPT_FILE whether or not an engine is installed.
        ImageFiles.inspect(file.bytes(), limits.maxPixels(), false);
        Tesseract.Engine engine = tesseract.engine();
        checkRequestedVersion(ctx.job(), engine);
        try (ScratchDir scratch = new ScratchDir()) {
            String extension = file.mediaType().substring(file.mediaType().indexOf('/') + 1);
            var path = scratch.write("image." + extension, file.bytes());
            String text = tesseract.recognize(path, null, ctx).strip();
            ctx.pagesDone(1); // a multi-page TIFF counts as one: Tesseract does not say how many it read
            return new Extraction(text, Tesseract.ENGINE, engine.version());
        }
    }

    /**
     * A reprocess ("re-OCR with engine 5.5") served by an older engine would record a version the
     * text was not made with; refuse instead, so the operator sees the fleet is not upgraded yet.
     */
    private static void checkRequestedVersion(Job job, Tesseract.Engine engine) throws PermanentFailure {
        if (job.engineVersion() != null && EngineVersions.isNewer(job.engineVersion(), engine.version())) {
            throw new PermanentFailure(FailureReason.ENGINE_VERSION_UNAVAILABLE, "job asks for engine version "
                    + job.engineVersion() + ", this worker has tesseract " + engine.version());
        }
    }
}
