package dev.docpipe.workers.ocr;

import dev.docpipe.workers.config.OcrProperties;
import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.JobAbortedException;
import dev.docpipe.workers.execution.JobContext;
import dev.docpipe.workers.execution.PermanentFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The Tesseract command-line engine (Debian package {@code tesseract-ocr}). Run as a child process
 * rather than through JNI: a crash in native OCR code then kills one run, not the worker, and a
 * run past the job's deadline or during shutdown can simply be killed.
 */
@Component
public class Tesseract {
    public static final String ENGINE = "tesseract";
    private static final Pattern VERSION = Pattern.compile("tesseract\\s+v?(\\d[^\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    /** A found engine is re-probed after this, so an upgraded package reports its new version. */
    private static final Duration PROBE_TTL = Duration.ofMinutes(5);

    /** @param version e.g. {@code 5.3.0}, as {@code tesseract --version} prints it */
    public record Engine(String version, Set<String> languages) {}

    private record Probe(Engine engine, Instant at) {}

    private final OcrProperties properties;
    private volatile Probe probe;

    public Tesseract(OcrProperties properties) {
        this.properties = properties;
    }

    /**
     * The installed engine, checked to have the configured languages. Absence is not cached: once
     * the package is installed the next job uses it, without a restart.
     */
    public Engine engine() throws PermanentFailure {
        Probe current = probe;
        if (current == null || current.at().plus(PROBE_TTL).isBefore(Instant.now())) {
            current = new Probe(probeEngine(), Instant.now());
            probe = current;
        }
        for (String language : properties.language().split("\\+")) {
            if (!current.engine().languages().contains(language)) {
                throw new PermanentFailure(FailureReason.OCR_LANGUAGE_MISSING, "tesseract " + current.engine().version()
                        + " has no language data '" + language + "' (installed: " + current.engine().languages()
                        + "); install tesseract-ocr-" + language);
            }
        }
        return current.engine();
    }

    /**
     * Recognises the text of one image file (any format Leptonica reads; multi-page TIFFs give all
     * pages, separated by form feeds).
     *
     * @param dpi the image's resolution when the file does not declare it (rendered PDF pages)
     */
    public String recognize(Path image, Integer dpi, JobContext ctx)
            throws PermanentFailure, JobAbortedException, IOException {
        Path out = Files.createTempFile(image.getParent(), "ocr-", ".txt");
        Path err = Files.createTempFile(image.getParent(), "ocr-", ".err");
        List<String> command = new ArrayList<>(List.of(properties.tesseractPath(), image.toString(), "stdout",
                "-l", properties.language(), "--psm", Integer.toString(properties.pageSegmentationMode())));
        if (dpi != null) {
            command.addAll(List.of("--dpi", dpi.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile()) // files, not pipes: a full pipe buffer would block the child
                .redirectError(err.toFile());
        builder.environment().put("OMP_THREAD_LIMIT", Integer.toString(properties.threadsPerProcess()));
        Process process = start(builder);
        waitFor(process, ctx);
        if (process.exitValue() != 0) {
            throw failure(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private Engine probeEngine() throws PermanentFailure {
        String versionOutput = run(properties.tesseractPath(), "--version");
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            throw new PermanentFailure(FailureReason.OCR_ENGINE_MISSING,
                    properties.tesseractPath() + " --version printed no version: " + firstLine(versionOutput));
        }
        String langOutput = run(properties.tesseractPath(), "--list-langs");
        // First line is "List of available languages in ...:", then one language per line.
        Set<String> languages = langOutput.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Engine(m.group(1), languages);
    }

    private String run(String... command) throws PermanentFailure {
        try {
            Process process = start(new ProcessBuilder(command).redirectErrorStream(true));
            byte[] output = process.getInputStream().readAllBytes(); // tiny; ends when the process does
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PermanentFailure(FailureReason.OCR_ENGINE_MISSING, String.join(" ", command) + " hung");
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PermanentFailure(FailureReason.OCR_ENGINE_MISSING,
                    "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PermanentFailure(FailureReason.OCR_ENGINE_MISSING, "interrupted while probing tesseract", e);
        }
    }

    private Process start(ProcessBuilder builder) throws PermanentFailure {
        try {
            return builder.start();
        } catch (IOException e) {
            // "Cannot run program": not installed, or not executable. Never invent text instead.
            throw new PermanentFailure(FailureReason.OCR_ENGINE_MISSING,
                    "tesseract is not installed (" + builder.command().getFirst() + "): " + e.getMessage(), e);
        }
    }

    private static void waitFor(Process process, JobContext ctx) throws JobAbortedException {
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                ctx.checkpoint();
            }
        } catch (JobAbortedException e) {
            process.destroyForcibly();
            throw e;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new JobAbortedException(JobAbortedException.Cause.SHUTDOWN, "interrupted during OCR", e);
        }
    }

    private static PermanentFailure failure(int exitCode, String stderr) {
        String detail = "tesseract exited with " + exitCode + ": " + summary(stderr);
        if (stderr.contains("Failed loading language") || stderr.contains("couldn't load any languages")) {
            return new PermanentFailure(FailureReason.OCR_LANGUAGE_MISSING, detail);
        }
        if (stderr.contains("cannot read input file") || stderr.contains("pixRead")) {
            return new PermanentFailure(FailureReason.CORRUPT_FILE, detail);
        }
        return new PermanentFailure(FailureReason.OCR_ENGINE_FAILED, detail);
    }

    private static String summary(String stderr) {
        // Leptonica and Tesseract print notices ("Estimating resolution as ...") before the error.
        String joined = Arrays.stream(stderr.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("Estimating resolution")).collect(Collectors.joining(" | "));
        return joined.length() > 500 ? joined.substring(0, 500) + "…" : joined;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
