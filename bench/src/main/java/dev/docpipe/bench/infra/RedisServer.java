package dev.docpipe.bench.infra;

import dev.docpipe.localinfra.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A throwaway redis-server (Debian's package) on 127.0.0.1 and a free port, no persistence, started and
 * stopped by the harness. Absent binary: {@link #startIfInstalled()} says so and the lock approach is skipped.
 */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static Optional<Path> binary() {
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String fixed : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(fixed))) {
                return Optional.of(Path.of(fixed));
            }
        }
        return Optional.empty();
    }

    public static Optional<RedisServer> startIfInstalled() {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED redis lock approach: no redis-server on PATH "
                    + "(install it with `apt-get install -y redis-server`)");
            return Optional.empty();
        }
        return Optional.of(start(binary.get()));
    }

    static RedisServer start(Path binary) {
        try {
            int port = LoopbackPorts.anyFree();
            Path dir = Files.createTempDirectory("docpipe-bench-redis-");
            Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--protected-mode", "yes", "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--loglevel", "warning", "--dir", dir.toString(), "--maxclients", "10000")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            RedisServer server = new RedisServer(process, port, dir);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (true) {
                try (Jedis jedis = new Jedis("127.0.0.1", port, 1_000)) {
                    if ("PONG".equals(jedis.ping())) {
                        return server;
                    }
                } catch (RuntimeException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        server.close();
                        throw new IllegalStateException("redis-server did not answer PING on 127.0.0.1:" + port
                                + "; log: " + Files.readString(dir.resolve("redis.log")), e);
                    }
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String version() {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 1_000)) {
            return jedis.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                    .map(l -> l.substring("redis_version:".length()).strip()).orElse("?");
        }
    }

    /** SIGTERM to the server this harness started (by its own Process handle), SIGKILL after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
