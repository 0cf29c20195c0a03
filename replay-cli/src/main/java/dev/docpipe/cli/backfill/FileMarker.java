package dev.docpipe.cli.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** The marker in a small properties file, replaced atomically on every save. */
final class FileMarker implements ProgressMarker {
    private final Path file;
    private final String runKey;

    FileMarker(Path file, String runKey) {
        this.file = file;
        this.runKey = runKey;
    }

    @Override
    public Optional<Mark> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!runKey.equals(p.getProperty("run")) || p.getProperty("lastDocumentId") == null) {
            return Optional.empty();
        }
        return Optional.of(new Mark(UUID.fromString(p.getProperty("lastDocumentId")),
                Long.parseLong(p.getProperty("sent", "0")), Boolean.parseBoolean(p.getProperty("complete")),
                Instant.parse(p.getProperty("updatedAt"))));
    }

    @Override
    public synchronized void save(Mark mark) throws IOException {
        Optional<Mark> current = load();
        if (current.isPresent() && current.get().lastDocumentId().toString()
                .compareTo(mark.lastDocumentId().toString()) > 0) {
            mark = new Mark(current.get().lastDocumentId(), Math.max(mark.sent(), current.get().sent()),
                    mark.complete() || current.get().complete(), mark.updatedAt());
        }
        Properties p = new Properties();
        p.setProperty("run", runKey);
        p.setProperty("lastDocumentId", mark.lastDocumentId().toString());
        p.setProperty("sent", Long.toString(mark.sent()));
        p.setProperty("complete", Boolean.toString(mark.complete()));
        p.setProperty("updatedAt", mark.updatedAt().toString());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".backfill", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "docpipe backfill progress");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void reset() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
