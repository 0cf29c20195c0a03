package dev.docpipe.bench.waiters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of another JVM by class, as {@code jcmd PID GC.class_histogram} prints them (it collects first,
 * so only reachable objects count). Two of them, diffed and divided by the clients added in between, say what one
 * waiting client holds.
 *
 * @param byClass instances and bytes per class name
 */
public record ClassHistogram(Map<String, Entry> byClass) {
    // "   1:        123456       7890123  [B (java.base@25)"
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    public record Entry(long instances, long bytes) {}

    /** One class's growth between two histograms. */
    public record Growth(String className, long instances, long bytes) {}

    /** Takes the histogram of {@code pid} and keeps jcmd's text in {@code saveTo}, for a closer look later. */
    public static ClassHistogram of(long pid, Path saveTo) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.class_histogram failed for pid " + pid + ": " + output);
        }
        Files.createDirectories(saveTo.toAbsolutePath().getParent());
        Files.writeString(saveTo, output);
        return parse(output);
    }

    static ClassHistogram parse(String jcmdOutput) {
        Map<String, Entry> byClass = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                byClass.merge(m.group(3), new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return new ClassHistogram(Map.copyOf(byClass));
    }

    public long totalBytes() {
        return byClass.values().stream().mapToLong(Entry::bytes).sum();
    }

    /** The classes that grew most in bytes since {@code before}, largest first. */
    public List<Growth> grownSince(ClassHistogram before, int limit) {
        return byClass.entrySet().stream()
                .map(e -> {
                    Entry was = before.byClass().getOrDefault(e.getKey(), new Entry(0, 0));
                    return new Growth(e.getKey(), e.getValue().instances() - was.instances(),
                            e.getValue().bytes() - was.bytes());
                })
                .sorted(Comparator.comparingLong(Growth::bytes).reversed())
                .limit(limit)
                .toList();
    }
}
