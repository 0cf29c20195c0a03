package dev.docpipe.bench.peer;

import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.LoopbackPorts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PeerApplication} in a JVM of its own on a loopback port, with the JVM options the API gets, so that
 * {@code kill -9} takes its requests and its relay down together; {@link #restart(Duration)} brings it back on the same
 * port and database.
 */
public final class PeerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final List<String> jvmArgs;
    private final List<String> args;
    private final int port;
    private JavaProcess process;

    private PeerProcess(List<String> jvmArgs, List<String> args, int port) {
        this.jvmArgs = jvmArgs;
        this.args = args;
        this.port = port;
    }

    /**
     * @param springArgs more Spring Boot arguments, e.g. {@code --docpipe.auth.jwt-secret=...}; not ones this
     *     class sets already
     */
    public static PeerProcess start(String bootstrap, PeerDatabase db, List<String> jvmArgs, String... springArgs)
            throws IOException {
        int port = LoopbackPorts.anyFree();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--logging.level.root=WARN",
                "--logging.level.dev.docpipe.bench.peer.PeerApplication=INFO"));
        args.addAll(List.of(springArgs));
        PeerProcess peer = new PeerProcess(List.copyOf(jvmArgs), args, port);
        peer.launch(READY_TIMEOUT);
        return peer;
    }

    private void launch(Duration within) {
        process = JavaProcess.of(PeerApplication.class).jvmArgs(jvmArgs.toArray(String[]::new))
                .args(args.toArray(String[]::new)).start();
        process.awaitLogLine("Started PeerApplication", within);
    }

    /** SIGKILL mid-request: no shutdown, the relay's open transaction dies with it. */
    public void kill9() {
        process.kill9();
    }

    /**
     * A new JVM on the same port and database; returns once it serves, throws if it exits first or does not
     * serve {@code within} (it is left running then; {@link #close()} ends it).
     */
    public void restart(Duration within) {
        launch(within);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
