package dev.docpipe.cli.support;

import java.lang.management.ManagementFactory;

/** CPU time used by this JVM so far (all threads), for reports that want work per event, not wall time. */
public final class CpuTime {
    private CpuTime() {}

    /** Nanoseconds, or -1 when the JVM does not tell. */
    public static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
