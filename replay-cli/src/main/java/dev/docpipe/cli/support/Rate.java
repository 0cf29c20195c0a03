package dev.docpipe.cli.support;

/** Paces a loop to at most {@code perSecond} iterations a second (evenly spaced, no bursts). */
public final class Rate {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public Rate(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    /** Blocks until the next slot. */
    public void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            next += intervalNanos;
        } else {
            // Behind schedule (a slow send): start from now rather than bursting to catch up.
            next = now + intervalNanos;
        }
    }
}
