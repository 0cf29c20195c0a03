package dev.docpipe.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts the sample PDF (one page, a real text layer) where curl can read it: {@code <data-dir>/sample/}. */
final class SampleFiles {
    static final String SAMPLE_PDF = "report-card.pdf";

    private SampleFiles() {}

    static Path copySamplePdf(Path sampleDir) {
        Path target = sampleDir.resolve(SAMPLE_PDF);
        try (InputStream in = SampleFiles.class.getResourceAsStream("/sample/" + SAMPLE_PDF)) {
            if (in == null) {
                throw new IllegalStateException("sample/" + SAMPLE_PDF + " is missing from the dev-stack jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
