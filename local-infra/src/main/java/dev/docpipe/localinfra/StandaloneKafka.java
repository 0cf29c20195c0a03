package dev.docpipe.localinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller roles) with its data in a directory of the
 * caller's choosing: the storage is formatted once, later starts reuse it, so topics, offsets and
 * open transactions survive a restart on the same port. The dev stack runs its broker this way;
 * fault tests run {@link #main} as a child JVM to {@code kill -9} and restart the broker itself
 * ({@link KafkaBroker} shares one per JVM, on a throwaway directory, when the broker only has to be there).
 */
public final class StandaloneKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandaloneKafka.class);
    /** What {@link #main} prints once clients can connect. */
    public static final String READY = "standalone kafka ready on ";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Optional<ScramListener> sasl;

    private StandaloneKafka(KafkaRaftServer server, String bootstrapServers, Optional<ScramListener> sasl) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.sasl = sasl;
    }

    /**
     * A second listener, SASL_PLAINTEXT (or SASL_SSL with a {@link Tls} keystore) with SCRAM-SHA-512, for
     * one user created when the storage is formatted (KIP-900: the credential is in the metadata log from the start, so the first login
     * already succeeds). The plaintext listener stays for the broker's own use and for tests' admin
     * clients; clients under test are pointed at this one.
     */
    public record ScramListener(int port, String username, String password, Optional<Tls> tls) {
        public static final String MECHANISM = "SCRAM-SHA-512";
        /** Listener names are upper case in listeners, lower case in listener.name.* keys. */
        static final String NAME = "SASL";

        /** SASL_PLAINTEXT. */
        public ScramListener(int port, String username, String password) {
            this(port, username, password, Optional.empty());
        }

        String protocol() {
            return tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
        }
    }

    /**
     * The broker's certificate and key for a SASL_SSL listener: a PKCS12 keystore whose one key has the
     * store's password. Clients verify the host name, so its certificate must name 127.0.0.1.
     */
    public record Tls(Path keystore, String password) {}

    /**
     * Runs a broker until the JVM ends (SIGTERM: controlled shutdown; SIGKILL: a crash to recover from).
     * Arguments: {@code <data-dir> <port>}.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: StandaloneKafka <data-dir> <port>");
            System.exit(2);
        }
        StandaloneKafka kafka = start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "standalone-kafka-shutdown"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts a broker on 127.0.0.1:{@code port} with its storage under {@code dir}; returns once it serves. */
    public static StandaloneKafka start(Path dir, int port) {
        return start(dir, port, Optional.empty());
    }

    /** As {@link #start(Path, int)}, with a SASL/SCRAM listener beside the plaintext one. */
    public static StandaloneKafka start(Path dir, int port, ScramListener sasl) {
        return start(dir, port, Optional.of(sasl));
    }

    private static StandaloneKafka start(Path dir, int port, Optional<ScramListener> sasl) {
        return start(dir, port, sasl, Map.of());
    }

    /**
     * As {@link #start(Path, int)}, optionally with a SASL/SCRAM listener, and with {@code brokerOverrides}
     * applied last to the broker's configuration (e.g. the dev stack's smaller memory settings).
     */
    public static StandaloneKafka start(Path dir, int port, Optional<ScramListener> sasl,
            Map<String, String> brokerOverrides) {
        int controllerPort = LoopbackPorts.anyFree();
        Path logDir = dir.resolve("logs");
        Properties props = serverProperties(port, controllerPort, logDir);
        sasl.ifPresent(listener -> addScramListener(props, port, controllerPort, listener));
        props.putAll(brokerOverrides);
        Path config = dir.resolve("server.properties");
        write(config, props);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, sasl);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            // e.g. the port was taken: stop the half-started controller so the caller may try again
            server.shutdown();
            throw e;
        }
        StandaloneKafka kafka = new StandaloneKafka(server, "127.0.0.1:" + port, sasl);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /**
     * A static voter set ({@code controller.quorum.voters}), not {@code --standalone}: the controller
     * endpoint is then configuration, not part of the metadata log, so it may change between starts.
     */
    private static Properties serverProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: the internal topics cannot have more replicas, and exactly_once_v2 needs them.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each by default: seconds of work on a laptop for nothing.
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The pipeline creates docpipe's topics with their configs; a typo must not create another.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void addScramListener(Properties p, int port, int controllerPort, ScramListener sasl) {
        String name = ScramListener.NAME;
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + name + "://127.0.0.1:" + sasl.port()
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + "," + name + "://127.0.0.1:" + sasl.port());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT," + name + ":" + sasl.protocol());
        p.put("sasl.enabled.mechanisms", ScramListener.MECHANISM);
        String listener = "listener.name." + name.toLowerCase(java.util.Locale.ROOT) + ".";
        p.put(listener + ScramListener.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        sasl.tls().ifPresent(tls -> {
            p.put(listener + "ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
            p.put(listener + "ssl.keystore.password", tls.password());
            p.put(listener + "ssl.key.password", tls.password());
            p.put(listener + "ssl.keystore.type", "PKCS12");
        });
    }

    private static void format(Path config, Optional<ScramListener> sasl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("format", "--config", config.toString(),
                "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"));
        sasl.ifPresent(s -> args.addAll(List.of("--add-scram",
                ScramListener.MECHANISM + "=[name=" + s.username() + ",password=" + s.password() + "]")));
        int code = StorageTool.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
        }
        log.info("formatted new KRaft storage in {}", config.getParent());
        log.debug("{}", out.toString(StandardCharsets.UTF_8).strip());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                try {
                    // A registered, unfenced broker: then topics can be created and written.
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not come up on " + bootstrapServers
                                + " within " + READY_TIMEOUT, e);
                    }
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, Properties props) {
        try (Writer w = Files.newBufferedWriter(file)) {
            props.store(w, "written on every start; edit StandaloneKafka instead");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plaintext listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL/SCRAM listener, if this broker was started with one. */
    public Optional<String> saslBootstrapServers() {
        return sasl.map(s -> "127.0.0.1:" + s.port());
    }

    /** Controlled shutdown: leadership moves, logs are flushed and closed cleanly (no recovery next start). */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
