package dev.docpipe.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.awaitility.Awaitility;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real single-node KRaft broker per test JVM. Starting a broker costs seconds, so every
 * test class shares this one and isolates itself by topic names instead.
 */
public final class KafkaBroker {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static volatile KafkaBroker shared;

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        // The test kit reports "localhost:port"; pin IPv4 so clients never try ::1 first.
        this.bootstrapServers = broker.getBrokersAsString().replace("localhost:", "127.0.0.1:");
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
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                // exactly_once_v2 needs the transaction log and offsets topic creatable on one node.
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                // Typos in topic names must fail loudly, not silently create a topic.
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                // 50 partitions each by default; creating them on the first transaction or group
                // join costs seconds on a small machine and buys tests nothing.
                "transaction.state.log.num.partitions", "4",
                "offsets.topic.num.partitions", "4",
                // Advertised addresses; the test kit pre-binds the sockets itself (wildcard address).
                "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0"));
        // Default would overwrite spring.kafka.bootstrap-servers for every Spring test in this JVM.
        broker.brokerListProperty("docpipe.test.kafka.bootstrap-servers");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-broker-shutdown"));
        return new KafkaBroker(broker);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new client; the caller closes it. */
    public AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
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
            Awaitility.await("topics visible: " + names).atMost(ADMIN_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> admin.describeTopics(names).allTopicNames().get().size() == names.size());
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
