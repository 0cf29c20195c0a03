package dev.docpipe.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One real single-node KRaft broker per JVM ({@link StandaloneKafka} in-process, on a throwaway
 * directory). Starting a broker costs seconds, so every test class shares this one and isolates
 * itself by topic names instead.
 */
public final class KafkaBroker {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may take the free port between the probe and the bind; then try another. */
    private static final int START_ATTEMPTS = 3;

    private static volatile KafkaBroker shared;

    private final StandaloneKafka kafka;

    private KafkaBroker(StandaloneKafka kafka) {
        this.kafka = kafka;
    }

    /** Starts the broker on first call; later calls return the same running broker. */
    public static KafkaBroker shared() {
        KafkaBroker local = shared;
        if (local == null) {
            synchronized (KafkaBroker.class) {
                local = shared;
                if (local == null) {
                    local = start();
                    shared = local;
                }
            }
        }
        return local;
    }

    private static KafkaBroker start() {
        Path dir = temporaryDirectory();
        StandaloneKafka kafka = null;
        for (int attempt = 1; kafka == null; attempt++) {
            try {
                kafka = StandaloneKafka.start(dir, LoopbackPorts.anyFree());
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS || !causedByBind(e)) {
                    throw e;
                }
            }
        }
        StandaloneKafka started = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            deleteRecursively(dir);
        }, "kafka-broker-shutdown"));
        return new KafkaBroker(started);
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("docpipe-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // The JVM is exiting; a leftover temp directory is harmless.
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A new client; the caller closes it. */
    public AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Idempotent, so test classes can call it from {@code @BeforeAll} without coordinating. */
    public void createTopics(int partitions, String... names) {
        createTopics(Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toArray(NewTopic[]::new));
    }

    /** For topics needing configs (e.g. {@code cleanup.policy=compact}); existing topics are left as they are. */
    public void createTopics(NewTopic... topics) {
        List<String> names = Arrays.stream(topics).map(NewTopic::name).toList();
        try (AdminClient admin = admin()) {
            for (KafkaFuture<Void> f : admin.createTopics(List.of(topics)).values().values()) {
                try {
                    await(f);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating " + names + " failed", e.getCause());
                    }
                }
            }
            // The controller acknowledges before the broker serves the metadata; wait for the
            // broker so a producer or TopicReader started next sees every partition.
            awaitVisible(admin, names);
        }
    }

    /** Missing topics are ignored. */
    public void deleteTopics(String... names) {
        try (AdminClient admin = admin()) {
            for (KafkaFuture<Void> f : admin.deleteTopics(List.of(names)).topicNameValues().values()) {
                try {
                    await(f);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new IllegalStateException("deleting " + List.of(names) + " failed", e.getCause());
                    }
                }
            }
        }
    }

    private static void awaitVisible(AdminClient admin, List<String> names) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                if (admin.describeTopics(names).allTopicNames().get().size() == names.size()) {
                    return;
                }
            } catch (ExecutionException e) {
                // not known to the broker yet: UnknownTopicOrPartitionException
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " not visible within " + ADMIN_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void await(KafkaFuture<Void> f) throws ExecutionException {
        try {
            f.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("admin call timed out after " + ADMIN_TIMEOUT, e);
        }
    }
}
