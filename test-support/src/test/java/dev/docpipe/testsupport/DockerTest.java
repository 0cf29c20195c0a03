package dev.docpipe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerTest {

    @TempDir
    Path dir;

    @Test
    void availableAnswersWithinTheProbeTimeout() {
        long start = System.nanoTime();
        boolean available = Docker.available();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(11));
        if (!Files.exists(Path.of("/var/run/docker.sock")) && System.getenv("DOCKER_HOST") == null && !onPath("docker")) {
            assertThat(available).isFalse();
        }
        assertThat(Docker.available()).isEqualTo(available); // cached
    }

    @Test
    void pingNeedsAnEngineThatAnswers200() throws Exception {
        assertThat(Docker.ping(dir.resolve("absent.sock"))).isFalse();
        assertThat(Docker.ping(fakeEngine("ok.sock", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"))).isTrue();
        assertThat(Docker.ping(fakeEngine("err.sock", "HTTP/1.1 500 Internal Server Error\r\n\r\n"))).isFalse();
    }

    /** Answers one request with {@code response}, then closes, like the engine does for HTTP/1.0. */
    private Path fakeEngine(String name, String response) throws IOException {
        Path socket = dir.resolve(name);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            try (server; SocketChannel ch = server.accept()) {
                ch.read(ByteBuffer.allocate(1024));
                ch.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException ignored) {
                // the assertion on ping()'s result reports the failure
            }
        });
        return socket;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
