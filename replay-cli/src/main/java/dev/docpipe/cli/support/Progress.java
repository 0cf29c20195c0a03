package dev.docpipe.cli.support;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display on stderr ({@code \r}-rewritten, at most 4 times a second), cleared when
 * closed. Disabled by {@code --no-progress}.
 */
public final class Progress implements AutoCloseable {
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String label;
    private final String unit;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long total;
    private long done;
    private long lastRender;
    private int lastWidth;

    public Progress(PrintWriter err, String label, String unit, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.enabled = enabled;
    }

    public static Progress none() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), "", "", 0, false);
    }

    public void total(long newTotal) {
        this.total = newTotal;
    }

    public void add(long n) {
        set(done + n);
    }

    public void set(long newDone) {
        done = newDone;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastRender >= INTERVAL_NANOS) {
            lastRender = now;
            render(now);
        }
    }

    public long done() {
        return done;
    }

    private void render(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        long rate = (long) (done / seconds);
        StringBuilder line = new StringBuilder(label).append(": ");
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%5.1f%% ", Math.min(100.0, 100.0 * done / total)));
            line.append(String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit));
        } else {
            line.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        line.append(String.format(Locale.ROOT, ", %,d %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            line.append(String.format(Locale.ROOT, ", eta %ds", (total - done) / rate));
        }
        String text = line.toString();
        int pad = Math.max(0, lastWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        lastWidth = text.length();
    }

    @Override
    public void close() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
