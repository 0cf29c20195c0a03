package dev.docpipe.workers.ocr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private temp directory for one OCR job's files; removed with everything in it on close. */
final class ScratchDir implements AutoCloseable {
    private final Path dir;

    ScratchDir() throws IOException {
        this.dir = Files.createTempDirectory("docpipe-ocr-");
    }

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
