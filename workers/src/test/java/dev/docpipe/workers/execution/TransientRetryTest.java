package dev.docpipe.workers.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.LocalDirectoryBlobStore;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transient I/O failures are retried within the lease; past it the job is abandoned, not failed. */
class TransientRetryTest {
    @TempDir
    Path blobDir;

    @Test
    void aFlakyBlobStoreIsRetriedUntilItAnswers() throws Exception {
        FlakyBlobStore flaky = new FlakyBlobStore(new LocalDirectoryBlobStore(blobDir), 3);
        WorkerFixture fixture = new WorkerFixture(flaky, Duration.ofMillis(10));
        Job job = fixture.job(JobKind.SCAN, TestDocuments.pdfWithText("hello world again"), Duration.ofSeconds(30));

        JobContext ctx = WorkerFixture.context(job);
        assertThat(fixture.scanExecutor().execute(ctx)).isInstanceOf(ScanSucceeded.class);
        assertThat(flaky.opens.get()).isEqualTo(4);
        // What the record handler reports as docpipe.worker.retries and docpipe.worker.pages.
        assertThat(ctx.retries()).isEqualTo(3);
        assertThat(ctx.pages()).isEqualTo(1);
    }

    @Test
    void aStoreThatNeverRecoversAbandonsTheJobAtItsDeadline() throws Exception {
        FlakyBlobStore broken = new FlakyBlobStore(new LocalDirectoryBlobStore(blobDir), Integer.MAX_VALUE);
        WorkerFixture fixture = new WorkerFixture(broken, Duration.ofMillis(10));
        Job job = fixture.job(JobKind.SCAN, TestDocuments.pdfWithText("x"), Duration.ofMillis(400));

        long start = System.nanoTime();
        assertThatThrownBy(() -> fixture.scanExecutor().execute(WorkerFixture.context(job)))
                .isInstanceOfSatisfying(JobAbortedException.class,
                        e -> assertThat(e.abortCause()).isEqualTo(JobAbortedException.Cause.TRANSIENT_FAILURES));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(broken.opens.get()).isGreaterThan(2);
    }

    @Test
    void shutdownCancelsTheRetryLoop() throws Exception {
        FlakyBlobStore broken = new FlakyBlobStore(new LocalDirectoryBlobStore(blobDir), Integer.MAX_VALUE);
        WorkerFixture fixture = new WorkerFixture(broken, Duration.ofMillis(10));
        Job job = fixture.job(JobKind.SCAN, TestDocuments.pdfWithText("x"), Duration.ofMinutes(5));
        AtomicInteger checks = new AtomicInteger();
        JobContext ctx = new JobContext(job, java.time.Clock.systemUTC(), () -> checks.incrementAndGet() > 5);

        assertThatThrownBy(() -> fixture.scanExecutor().execute(ctx))
                .isInstanceOfSatisfying(JobAbortedException.class,
                        e -> assertThat(e.abortCause()).isEqualTo(JobAbortedException.Cause.SHUTDOWN));
    }

    /** Fails the first {@code failures} opens with an IOException, as a flaky network share would. */
    static final class FlakyBlobStore implements BlobStore {
        final BlobStore delegate;
        final int failures;
        final AtomicInteger opens = new AtomicInteger();

        FlakyBlobStore(BlobStore delegate, int failures) {
            this.delegate = delegate;
            this.failures = failures;
        }

        @Override
        public StoredBlob put(InputStream content, long maxBytes) throws IOException {
            return delegate.put(content, maxBytes);
        }

        @Override
        public InputStream open(BlobRef ref) throws IOException {
            if (opens.incrementAndGet() <= failures) {
                throw new IOException("Stale file handle (simulated)");
            }
            return delegate.open(ref);
        }

        @Override
        public boolean exists(BlobRef ref) {
            return delegate.exists(ref);
        }

        @Override
        public void delete(BlobRef ref) throws IOException {
            delegate.delete(ref);
        }
    }
}
