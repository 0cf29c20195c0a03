package dev.docpipe.workers.testdocs;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.LocalDirectoryBlobStore;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.workers.config.OcrProperties;
import dev.docpipe.workers.config.ScanProperties;
import dev.docpipe.workers.config.WorkerProperties;
import dev.docpipe.workers.content.FileLoader;
import dev.docpipe.workers.content.LanguageGuesser;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.TransientRetry;
import dev.docpipe.workers.ocr.OcrExecutor;
import dev.docpipe.workers.ocr.PdfOcr;
import dev.docpipe.workers.ocr.Tesseract;
import dev.docpipe.workers.scan.ImageScanner;
import dev.docpipe.workers.scan.PdfScanner;
import dev.docpipe.workers.scan.ScanExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The executors wired by hand, the way Spring wires them, for tests and the benchmark (no Kafka). */
public final class WorkerFixture {
    public static final ScanProperties SCAN = new ScanProperties(1000, 150, 150_000_000);

    private final BlobStore blobs;
    private final WorkerProperties properties;

    public WorkerFixture(Path blobDir) {
        this(store(blobDir), Duration.ofMillis(20));
    }

    public WorkerFixture(BlobStore blobs, Duration retryInterval) {
        this.blobs = blobs;
        this.properties = new WorkerProperties(
                new WorkerProperties.Listener(true, 1, null), new WorkerProperties.Listener(true, 1, null),
                new WorkerProperties.Retry(retryInterval, 2.0, retryInterval.multipliedBy(5)),
                "test", 100L * 1024 * 1024, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public static OcrProperties ocrProperties(String tesseractPath) {
        return new OcrProperties(tesseractPath, "eng", 300, 1, 3);
    }

    public static boolean tesseractInstalled() {
        try {
            new Tesseract(ocrProperties("tesseract")).engine();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public BlobStore blobs() {
        return blobs;
    }

    public ScanExecutor scanExecutor() {
        LanguageGuesser languages = new LanguageGuesser();
        return new ScanExecutor(loader(), new PdfScanner(SCAN, languages), new ImageScanner(SCAN), languages);
    }

    public OcrExecutor ocrExecutor(String tesseractPath) {
        Tesseract tesseract = new Tesseract(ocrProperties(tesseractPath));
        return new OcrExecutor(loader(), new PdfOcr(tesseract, ocrProperties(tesseractPath)), tesseract, blobs,
                new TransientRetry(properties), SCAN);
    }

    public FileLoader loader() {
        return new FileLoader(blobs, new TransientRetry(properties), properties);
    }

    /** Stores {@code content} and returns a job for it, due in {@code lease}. */
    public Job job(JobKind kind, byte[] content, Duration lease) {
        try {
            StoredBlob blob = blobs.put(new ByteArrayInputStream(content), content.length);
            return job(kind, new FileRef(blob.ref().value(), "application/octet-stream", content.length, "upload"),
                    lease);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Job job(JobKind kind, FileRef file, Duration lease) {
        return new Job(UUID.randomUUID(), UUID.randomUUID(), kind, 1, file, Instant.now().plus(lease), null);
    }

    public static JobContext context(Job job) {
        return new JobContext(job, Clock.systemUTC(), () -> false);
    }

    private static BlobStore store(Path dir) {
        try {
            return new LocalDirectoryBlobStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
