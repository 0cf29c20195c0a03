package dev.docpipe.workers.content;

import dev.docpipe.blob.BlobNotFoundException;
import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.workers.config.WorkerProperties;
import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.PermanentFailure;
import dev.docpipe.workers.execution.TransientRetry;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Reads a job's file from the blob store and detects its real type. Reading is the only step of a
 * job that touches shared storage, so it is where transient failures are retried; everything after
 * it works on bytes in memory and fails permanently or not at all.
 */
@Component
public class FileLoader {
    // Tika's facade is thread-safe; with only tika-core it detects by magic bytes and, for
    // content without magic, by whether it looks like text.
    private static final Tika TIKA = new Tika();

    private final BlobStore blobs;
    private final TransientRetry retry;
    private final long maxBytes;

    public FileLoader(BlobStore blobs, TransientRetry retry, WorkerProperties properties) {
        this.blobs = blobs;
        this.retry = retry;
        this.maxBytes = properties.maxFileBytes();
    }

    public LoadedFile load(JobContext ctx) throws PermanentFailure, JobAbortedException {
        FileRef file = ctx.job().file();
        if (file.sizeBytes() > maxBytes) {
            throw tooLarge(file.sizeBytes());
        }
        BlobRef ref;
        try {
            ref = BlobRef.parse(file.blobRef());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure(FailureReason.BLOB_MISSING, "not a blob reference: " + file.blobRef());
        }
        byte[] bytes = retry.call(ctx, "reading blob " + ref, () -> read(ref));
        String mediaType = detect(bytes);
        return new LoadedFile(bytes, mediaType, FileType.of(mediaType));
    }

    /** The media type of {@code bytes} without parameters, detected from the content alone. */
    public static String detect(byte[] bytes) {
        String detected = TIKA.detect(bytes);
        int semicolon = detected.indexOf(';');
        return (semicolon < 0 ? detected : detected.substring(0, semicolon)).strip().toLowerCase();
    }

    private byte[] read(BlobRef ref) throws IOException, PermanentFailure {
        try (InputStream in = blobs.open(ref)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(bytes.length);
            }
            return bytes;
        } catch (BlobNotFoundException e) {
            // Content-addressed blobs are written before the command that names them: a missing
            // one will not appear by waiting.
            throw new PermanentFailure(FailureReason.BLOB_MISSING, "no stored file " + ref);
        }
    }

    private PermanentFailure tooLarge(long size) {
        return new PermanentFailure(FailureReason.FILE_TOO_LARGE,
                "file has " + size + " bytes, workers read at most " + maxBytes);
    }
}
