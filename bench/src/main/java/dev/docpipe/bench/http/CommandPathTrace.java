package dev.docpipe.bench.http;

import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Splits a command's trip into the hops a profile cannot see: API → broker (issuedAt to the command's
 * log append time), broker → decided (the outcome's decidedAt: fetch, wait in the stream thread's
 * loop), decided → output appended (the outcome's log append time: wait for the commit to flush), and
 * output → visible (until a read_committed consumer gets the outcome: offsets, EndTxn, markers, fetch). Switches both topics to LogAppendTime so the broker stamps each hop; a
 * diagnostic of the benchmark only ({@code bench http --trace}).
 */
final class CommandPathTrace implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Map<UUID, long[]> commands = new ConcurrentHashMap<>(); // id → {issued µs, appended ms}
    // {API→broker, broker→decided (stream thread's clock), decided→output appended, output→visible}, µs
    private final List<long[]> hops = new ArrayList<>();
    private volatile boolean running = true;

    private CommandPathTrace(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.COMMANDS, Topics.COMMAND_OUTCOMES)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("command-path-trace").daemon().start(this::run);
    }

    static CommandPathTrace start(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<ConfigResource, Collection<AlterConfigOp>> logAppendTime = new HashMap<>();
            for (String topic : List.of(Topics.COMMANDS, Topics.COMMAND_OUTCOMES)) {
                logAppendTime.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                        AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(logAppendTime).all().get();
        }
        return new CommandPathTrace(bootstrap);
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long seenMicros = System.currentTimeMillis() * 1000;
                try {
                    if (record.topic().equals(Topics.COMMANDS)) {
                        Command command = ModelJson.COMMANDS.decode(record.value());
                        long issued = command.issuedAt().getEpochSecond() * 1_000_000 + command.issuedAt().getNano() / 1000;
                        commands.put(command.commandId(), new long[] {issued, record.timestamp() * 1000});
                    } else {
                        CommandOutcome outcome = ModelJson.OUTCOMES.decode(record.value());
                        long[] sent = commands.remove(outcome.commandId());
                        if (sent != null) {
                            long outputAppended = record.timestamp() * 1000;
                            long decided = outcome.decidedAt().toEpochMilli() * 1000;
                            synchronized (hops) {
                                hops.add(new long[] {sent[1] - sent[0], decided - sent[1], outputAppended - decided,
                                        seenMicros - outputAppended});
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // not ours to judge: the pipeline dead-letters what it cannot read
                }
            }
        }
    }

    /** Percentiles of each hop since the last call, and a fresh start. */
    String report() {
        List<long[]> taken;
        synchronized (hops) {
            taken = new ArrayList<>(hops);
            hops.clear();
        }
        StringBuilder line = new StringBuilder(String.format("%,d commands traced:", taken.size()));
        String[] names = {"API→broker", "broker→decided", "decided→output appended", "output→read_committed visible"};
        for (int hop = 0; hop < names.length; hop++) {
            Latencies latencies = new Latencies();
            for (long[] t : taken) {
                latencies.record(t[hop] * 1000);
            }
            line.append(String.format("  %s p50 %.1f p90 %.1f p99 %.1f ms;", names[hop], latencies.percentileMs(0.5),
                    latencies.percentileMs(0.9), latencies.percentileMs(0.99)));
        }
        return line.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(5));
        consumer.close();
    }
}
