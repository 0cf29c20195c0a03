package dev.docpipe.bench.infra;

import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.KeyEncryptionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * api-service as deployed: its executable jar in a JVM of its own (dev profile, so that
 * {@code POST /api/v1/dev/accounts} hands out accounts), on a loopback port, with a fresh database on the
 * shared embedded PostgreSQL and a temporary blob directory. Output goes to
 * {@code target/java-processes/api-service-PORT.log}.
 */
public final class ApiProcess implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final List<String> command;
    /** What start() added to the environment (the key-encryption key): a restart must decrypt the same data. */
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A dev account with one child, as {@code POST /api/v1/dev/accounts} returns it. */
    public record Account(String token, String accountId, UUID childId) {}

    private ApiProcess(List<String> command, Map<String, String> environment, Process process, Path log, int port) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** api-service's executable jar, built by the reactor before this module ({@code -Dbench.apiJar} overrides). */
    public static Optional<Path> jar() {
        String given = System.getProperty("bench.apiJar", "");
        if (!given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isRegularFile);
        }
        for (Path target : List.of(Path.of("..", "api-service", "target"), Path.of("api-service", "target"))) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    Optional<Path> jar = files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst();
                    if (jar.isPresent()) {
                        return jar.map(Path::toAbsolutePath);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the API against {@code bootstrap} and returns once its readiness probe answers 200.
     *
     * @param jvmArgs the API JVM's options (heap, GC)
     * @param springArgs more Spring Boot arguments, e.g. {@code --logging.level.root=WARN}
     */
    public static ApiProcess start(String bootstrap, List<String> jvmArgs, String... springArgs) throws Exception {
        Path jar = jar().orElseThrow(() -> new IllegalStateException(
                "api-service's executable jar is missing: ./mvnw -B -q -ntp -pl api-service,bench -am package -DskipTests"));
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("docpipe_bench_api_" + Long.toString(System.nanoTime(), 36));
        int port = LoopbackPorts.anyFree();
        Path log = Files.createDirectories(Path.of("target", "java-processes"))
                .resolve("api-service-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(),
                "--spring.profiles.active=dev",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--docpipe.blob.dir=" + Files.createTempDirectory("docpipe-bench-blobs-")));
        command.addAll(List.of(springArgs));
        // its own database, its own key-encryption key; in the environment, as a deployment passes it
        Map<String, String> environment = Map.of(KeyEncryptionKey.KEK_VARIABLE, KeyEncryptionKey.generateEncoded());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        ApiProcess api = new ApiProcess(command, environment, process, log, port);
        try {
            api.awaitReady(READY_TIMEOUT);
        } catch (Exception e) {
            api.close();
            throw e;
        }
        return api;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("api-service exited with " + process.exitValue() + "; see " + log);
            }
            HttpResponse<String> r = sendQuietly(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")));
            if (r != null && r.statusCode() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("api-service not ready within " + timeout + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL, as a crashed host: no shutdown, requests in flight die. Returns once it is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("api-service " + process.pid() + " still alive 30 s after SIGKILL");
        }
    }

    /**
     * A new JVM with the same port, database, blob directory and key-encryption key; returns once it is ready,
     * throws if it exits first or is not ready {@code within} (it is left running then; {@link #close()} ends it).
     */
    public void restart(Duration within) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitReady(within);
    }

    /** The JDBC URL of its database (its own tables and the read model it projects). */
    public String databaseUrl() {
        String prefix = "--spring.datasource.url=";
        return command.stream().filter(a -> a.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Account createDevAccount() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/dev/accounts"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("dev account: " + r.statusCode() + " " + r.body());
        }
        JsonNode account = JSON.readTree(r.body());
        return new Account(account.path("token").asString(), account.path("accountId").asString(),
                UUID.fromString(account.path("childId").asString()));
    }

    /**
     * One of the API's Micrometer meters as {@code /actuator/metrics/NAME} reports it: the value of each
     * statistic (COUNT, TOTAL_TIME in seconds, ...) summed over its tags; empty if the meter does not exist yet.
     */
    public Map<String, Double> meter(String name, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/metrics/" + name))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new TreeMap<>();
        if (r.statusCode() == 200) {
            for (JsonNode m : JSON.readTree(r.body()).path("measurements")) {
                values.put(m.path("statistic").asString(), m.path("value").asDouble());
            }
        }
        return values;
    }

    private HttpResponse<String> sendQuietly(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
