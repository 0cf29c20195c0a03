package dev.docpipe.bench.waiters;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The open-file limits the waiters need: every waiting client is a socket in this JVM and one in the API's. Checked
 * before connecting, so that a low {@code ulimit -n} stops the run with its remedy instead of as connection errors
 * in the middle of the ramp.
 */
final class OpenFiles {
    /** Files and sockets besides the clients: jars, the broker's logs and connections, the database pool. */
    static final int HEADROOM = 2_000;

    private OpenFiles() {}

    /** This JVM may open {@code needed} files. */
    static void requireAtLeast(long needed) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            check("this JVM", os.getMaxFileDescriptorCount(), needed);
        }
    }

    /** Process {@code pid} may open {@code needed} files (Linux: its /proc limits; elsewhere not checked). */
    static void requireAtLeast(long pid, long needed) throws IOException {
        OptionalLong limit = limitOf(pid);
        if (limit.isPresent()) {
            check("the API (pid " + pid + ")", limit.getAsLong(), needed);
        }
    }

    private static OptionalLong limitOf(long pid) throws IOException {
        Path limits = Path.of("/proc", Long.toString(pid), "limits");
        if (!Files.isReadable(limits)) {
            return OptionalLong.empty();
        }
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                return soft.equals("unlimited") ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(Long.parseLong(soft));
            }
        }
        return OptionalLong.empty();
    }

    private static void check(String who, long limit, long needed) {
        if (limit < needed) {
            throw new IllegalStateException("%s may open %d files, the waiters and streams need about %d: raise the "
                    .formatted(who, limit, needed) + "limit (ulimit -n %d) or lower --waiters/--streams".formatted(needed));
        }
    }
}
