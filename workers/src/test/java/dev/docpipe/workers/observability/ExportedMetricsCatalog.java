package dev.docpipe.workers.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code deploy/prometheus/exported-metrics.txt}: for each service, the metric names queried under
 * {@code deploy/} that it was seen to export. One {@code <service> <metric>} per line, {@code #}
 * comments kept as they are when lines are rewritten.
 */
public final class ExportedMetricsCatalog {
    private static final String FILE = "prometheus/exported-metrics.txt";

    private final List<String> header;
    private final Map<String, Set<String>> byService;

    private ExportedMetricsCatalog(List<String> header, Map<String, Set<String>> byService) {
        this.header = header;
        this.byService = byService;
    }

    /** {@code deploy/} of this checkout (tests run in the module directory). */
    public static Path deployDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
    }

    public static ExportedMetricsCatalog load() {
        List<String> header = new ArrayList<>();
        Map<String, Set<String>> byService = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(deployDir().resolve(FILE))) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    if (byService.isEmpty()) {
                        header.add(line);
                    }
                    continue;
                }
                String[] parts = s.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException(FILE + ": expected '<service> <metric>', got: " + line);
                }
                byService.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExportedMetricsCatalog(header, byService);
    }

    public Set<String> names(String service) {
        return byService.getOrDefault(service, Set.of());
    }

    public Set<String> allNames() {
        Set<String> all = new TreeSet<>();
        byService.values().forEach(all::addAll);
        return all;
    }

    public ExportedMetricsCatalog with(String service, Set<String> names) {
        Map<String, Set<String>> copy = new LinkedHashMap<>(byService);
        copy.put(service, new TreeSet<>(names));
        return new ExportedMetricsCatalog(header, new TreeMap<>(copy));
    }

    public void write() {
        StringBuilder b = new StringBuilder();
        header.forEach(h -> b.append(h).append('\n'));
        byService.forEach((service, names) -> names.forEach(n -> b.append(service).append(' ').append(n).append('\n')));
        try {
            Files.writeString(deployDir().resolve(FILE), b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
