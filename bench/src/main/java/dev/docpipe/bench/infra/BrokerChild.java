package dev.docpipe.bench.infra;

import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.StandaloneKafka;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A KRaft broker in its own JVM ({@link StandaloneKafka}) on a fixed loopback port and data directory,
 * so a fault scenario can {@code kill -9} it or shut it down cleanly and start it again with its log,
 * offsets and transaction state intact, while clients keep the same bootstrap address.
 */
public final class BrokerChild {
    private final Path dataDir;
    private final int port;
    private JavaProcess process;

    public BrokerChild(Path dataDir) {
        this.dataDir = dataDir;
        this.port = LoopbackPorts.anyFree();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it serves clients. */
    public BrokerChild start() {
        process = JavaProcess.of(StandaloneKafka.class).jvmArgs("-Xmx512m", "-XX:+UseSerialGC")
                .args(dataDir.toString(), Integer.toString(port)).start();
        process.awaitLogLine(StandaloneKafka.READY, Duration.ofSeconds(180));
        return this;
    }

    /** A crash: no controlled shutdown, the next start recovers the logs. */
    public void kill9() {
        process.kill9();
    }

    /** SIGTERM: controlled shutdown (leadership handed over, logs flushed and closed). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(60));
        }
    }

    public long pid() {
        return process.pid();
    }
}
