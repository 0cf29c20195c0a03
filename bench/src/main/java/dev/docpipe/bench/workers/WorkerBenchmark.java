package dev.docpipe.bench.workers;

import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.workers.execution.JobExecutor;
import dev.docpipe.workers.ocr.Tesseract;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;

/**
 * {@code bench workers}: scan and OCR throughput on a fixed set of generated documents, executors called
 * directly (no Kafka: the broker round trip per job is milliseconds next to seconds of OCR). Prints pages/s,
 * heap, and where OCR time goes.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "Pages per second of the scan and OCR executors (Tika, PDFBox, Tesseract) on generated text "
                + "PDFs, 300 dpi PNG pages and image-only PDFs, with the CPU split between this JVM and tesseract.")
public final class WorkerBenchmark implements Callable<Integer> {
    private static final String[] LINES = {"Homework for Monday", "Read chapter three of the science book",
            "Answer the questions about the water cycle", "Bring your gym clothes on Wednesday",
            "Parents evening is on Tuesday at six"};

    record Doc(String kind, byte[] bytes, int pages) {}

    @Override
    public Integer call() throws Exception {
        Quiet.logging();
        Path dir = Files.createTempDirectory("docpipe-bench");
        WorkerFixture fixture = new WorkerFixture(dir);
        boolean tesseract = WorkerFixture.tesseractInstalled();

        List<Doc> textPdfs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            textPdfs.add(new Doc("text-pdf", TestDocuments.pdfWithText(page(i), page(i + 1), page(i + 2), page(i + 3),
                    page(i + 4)), 5));
        }
        List<Doc> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // A4 at 300 DPI, as a phone scanner app produces it.
            BufferedImage a4 = TestDocuments.textImage(2480, 3508, 60, List.of(LINES));
            images.add(new Doc("png-300dpi", TestDocuments.png(a4, 300), 1));
        }
        List<Doc> scannedPdfs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BufferedImage scan = TestDocuments.scannedPage(List.of(LINES));
            scannedPdfs.add(new Doc("image-pdf", TestDocuments.imageOnlyPdf(List.of(scan, scan)), 2));
        }
        List<Doc> all = new ArrayList<>(textPdfs);
        all.addAll(images);
        all.addAll(scannedPdfs);

        System.out.printf("documents: %d text PDFs x5 pages, %d PNG pages (2480x3508), %d image-only PDFs x2 pages%n",
                textPdfs.size(), images.size(), scannedPdfs.size());
        System.out.printf("load average at start: %s (other processes share these cores: compare runs with care)%n",
                Machine.loadAverage());
        System.out.printf("cores: %d, max heap: %d MiB, tesseract: %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, tesseract ? new Tesseract(WorkerFixture.ocrProperties("tesseract"))
                        .engine().version() : "NOT INSTALLED");

        JobExecutor scan = fixture.scanExecutor();
        JobExecutor ocr = fixture.ocrExecutor("tesseract");
        run(fixture, scan, JobKind.SCAN, all, 1); // warm-up: class loading, JIT, language profiles
        run(fixture, ocr, JobKind.OCR, textPdfs.subList(0, 3), 1);
        System.out.println();
        System.out.println("                                                 pages   wall ms   pages/s   JVM CPU ms/page  tesseract CPU ms/page");
        System.out.println("SCAN");
        for (List<Doc> set : List.of(textPdfs, images, scannedPdfs)) {
            report(set.getFirst().kind() + " (1 thread)", set, run(fixture, scan, JobKind.SCAN, set, 1));
        }
        report("all (2 threads)", all, run(fixture, scan, JobKind.SCAN, all, 2));
        System.out.println("OCR");
        Measurement textLayer = run(fixture, ocr, JobKind.OCR, textPdfs, 1);
        report("text-pdf: text layer (1 thread)", textPdfs, textLayer);
        if (tesseract) {
            Measurement one = run(fixture, ocr, JobKind.OCR, images, 1);
            report("png-300dpi: tesseract (1 job at a time)", images, one);
            report("png-300dpi: tesseract (2 jobs at a time)", images, run(fixture, ocr, JobKind.OCR, images, 2));
            Measurement rendered = run(fixture, ocr, JobKind.OCR, scannedPdfs, 1);
            report("image-pdf: render 300dpi + tesseract (1 job)", scannedPdfs, rendered);
            double ocrJvm = one.jvmCpuMs() / images.size();
            double ocrChild = one.childCpuMs() / images.size();
            System.out.printf("%nBOTTLENECK: Tesseract. An image page costs %.0f ms of CPU in the tesseract process and"
                            + " %.0f ms in the worker JVM (%.0f%% Tesseract); a text-layer page costs"
                            + " %.1f ms of JVM CPU. OCR throughput is CPU-bound: at most cores / %.1f s = %.2f pages/s on"
                            + " this machine, reached with docpipe.worker.ocr.concurrency = cores and Tesseract"
                            + " single-threaded per job (threads-per-process=1).%n",
                    ocrChild, ocrJvm, 100 * ocrChild / (ocrChild + ocrJvm),
                    textLayer.jvmCpuMs() / textPdfs.stream().mapToInt(Doc::pages).sum(),
                    (ocrChild + ocrJvm) / 1000, Runtime.getRuntime().availableProcessors() * 1000 / (ocrChild + ocrJvm));
        } else {
            System.out.println("image OCR skipped: tesseract not installed");
        }
        System.out.printf("load average at end: %s%n", Machine.loadAverage());
        System.out.printf("%nheap: %s%n", ResourceMeter.heap().describe());
        return 0;
    }

    private static String page(int i) {
        return LINES[i % LINES.length] + ". " + TestDocuments.ENGLISH + " " + LINES[(i + 2) % LINES.length] + ".";
    }

    /**
     * Wall time, and CPU time of this JVM and of its finished child processes (tesseract). CPU time, unlike
     * wall time, does not depend on what else runs on the machine, so the split holds on a busy box too.
     */
    record Measurement(Duration wall, double jvmCpuMs, double childCpuMs) {}

    private static Measurement run(WorkerFixture fixture, JobExecutor executor, JobKind kind, List<Doc> docs, int threads)
            throws Exception {
        List<Job> jobs = docs.stream().map(d -> fixture.job(kind, d.bytes(), Duration.ofMinutes(30))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ResourceMeter meter = ResourceMeter.start();
        long start = System.nanoTime();
        try {
            List<Future<JobResult>> results = new ArrayList<>();
            for (Job job : jobs) {
                results.add(pool.submit(() -> executor.execute(WorkerFixture.context(job))));
            }
            for (Future<JobResult> result : results) {
                JobResult r = result.get();
                if (!(r instanceof ScanSucceeded) && !(r instanceof OcrSucceeded)) {
                    throw new IllegalStateException("benchmark job failed: " + r);
                }
            }
        } finally {
            pool.shutdown();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        ResourceMeter.Usage cpu = meter.stop();
        return new Measurement(wall, cpu.jvmCpuSeconds() * 1e3, cpu.externalCpuSeconds() * 1e3);
    }

    private static void report(String label, List<Doc> docs, Measurement m) {
        int pages = docs.stream().mapToInt(Doc::pages).sum();
        System.out.printf("  %-46s %4d %9d %9.1f %17.1f %22.0f%n", label, pages, m.wall().toMillis(),
                pages / (m.wall().toNanos() / 1e9), m.jvmCpuMs() / pages, m.childCpuMs() / pages);
    }
}
