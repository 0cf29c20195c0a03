package dev.docpipe.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a Docker engine answers, for tests outside Testcontainers that need one (Testcontainers
 * tests should use {@code @Testcontainers(disabledWithoutDocker = true)} instead). Typical use:
 * {@code assumeTrue(Docker.available(), "no Docker engine")}.
 */
public final class Docker {

    private static volatile Boolean available;

    private Docker() {
    }

    /** Probed once per JVM: a socket that exists but has no engine behind it counts as unavailable. */
    public static boolean available() {
        Boolean local = available;
        if (local == null) {
            local = pingSocketWithin5s() || dockerInfo();
            available = local;
        }
        return local;
    }

    private static boolean pingSocketWithin5s() {
        // Unix-socket reads have no timeout of their own; a wedged engine must not hang the test run.
        FutureTask<Boolean> ping = new FutureTask<>(Docker::pingSocket);
        Thread t = new Thread(ping, "docker-ping");
        t.setDaemon(true);
        t.start();
        try {
            return ping.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            t.interrupt(); // interrupting closes the channel and unblocks the read
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean pingSocket() {
        String host = System.getenv("DOCKER_HOST");
        Path socket;
        if (host == null || host.isBlank()) {
            socket = Path.of("/var/run/docker.sock");
        } else if (host.startsWith("unix://")) {
            socket = Path.of(host.substring("unix://".length()));
        } else {
            return false; // tcp:// and friends: leave it to the CLI, which knows about TLS
        }
        return ping(socket);
    }

    /** Package-private so the test can point it at a fake engine. */
    static boolean ping(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(512);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // HTTP/1.0: the engine closes the connection after the response
            }
            String response = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            return response.startsWith("HTTP/1.") && response.contains(" 200 ");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean dockerInfo() {
        try {
            Process p = new ProcessBuilder("docker", "info")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no docker CLI on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
