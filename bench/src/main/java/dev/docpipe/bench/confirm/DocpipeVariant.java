package dev.docpipe.bench.confirm;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One docpipe configuration to measure: its commit interval and raw Kafka Streams overrides. Written
 * {@code 100} or {@code 20+poll.ms=5+consumer.fetch.max.wait.ms=5}; several separated by {@code ;}.
 */
public record DocpipeVariant(Duration commitInterval, Map<String, String> streamsOverrides) {
    /** The service's defaults, and the same with the idle-poll waits that dominate latency at low load cut. */
    public static final String DEFAULTS = "100;20+poll.ms=5+consumer.fetch.max.wait.ms=5";

    public static List<DocpipeVariant> parseAll(String text) {
        return Arrays.stream(text.split(";")).map(String::strip).filter(v -> !v.isEmpty()).map(DocpipeVariant::parse)
                .toList();
    }

    public static DocpipeVariant parse(String text) {
        String[] parts = text.split("\\+");
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("docpipe variant wants <commit ms>[+key=value]...: " + text);
            }
            overrides.put(parts[i].substring(0, eq).strip(), parts[i].substring(eq + 1).strip());
        }
        return new DocpipeVariant(Duration.ofMillis(Long.parseLong(parts[0].strip())), Map.copyOf(overrides));
    }

    public String label() {
        StringBuilder s = new StringBuilder("commit " + commitInterval.toMillis() + " ms");
        new java.util.TreeMap<>(streamsOverrides).forEach((k, v) -> s.append(", ").append(k).append('=').append(v));
        return s.toString();
    }
}
