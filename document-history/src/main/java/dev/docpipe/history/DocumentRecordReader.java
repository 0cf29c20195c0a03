package dev.docpipe.history;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.Codec;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what the topics hold about one document: its events, its commands' outcomes and (optionally) the commands
 * themselves. Every topic is keyed by document id, so only the document's partition of each is read, and only the
 * records keyed by the document are decoded, with the model's own codecs. Each read is bounded: at most
 * {@code maxRecordsPerPartition} records back from the end of each partition (the newest; {@link
 * DocumentRecords#truncated()} says when older ones were left out), and a read that stalls for {@code timeout} fails.
 */
public final class DocumentRecordReader {
    private final TopicClients clients;
    private final Duration timeout;
    private final long maxRecordsPerPartition;

    public DocumentRecordReader(TopicClients clients, Duration timeout, long maxRecordsPerPartition) {
        this.clients = clients;
        this.timeout = timeout;
        this.maxRecordsPerPartition = maxRecordsPerPartition;
    }

    public DocumentRecords read(UUID documentId, boolean withCommands) {
        try (Consumer<byte[], byte[]> consumer = clients.consumer()) {
            Map<String, List<PartitionInfo>> topics = topics(consumer);
            List<String> unreadable = new ArrayList<>();
            boolean[] truncated = {false};
            List<Located<RecordedEvent>> events = new ArrayList<>();
            int eventsPartition = read(consumer, topics, Topics.EVENTS, documentId, ModelJson.EVENTS,
                    RecordedEvent::documentId, events, unreadable, truncated);
            List<Located<CommandOutcome>> outcomes = new ArrayList<>();
            int outcomesPartition = read(consumer, topics, Topics.COMMAND_OUTCOMES, documentId, ModelJson.OUTCOMES,
                    CommandOutcome::documentId, outcomes, unreadable, truncated);
            List<Located<Command>> commands = new ArrayList<>();
            Integer commandsPartition = null;
            if (withCommands && topics.containsKey(Topics.COMMANDS)) {
                commandsPartition = read(consumer, topics, Topics.COMMANDS, documentId, ModelJson.COMMANDS,
                        Command::documentId, commands, unreadable, truncated);
            }
            return new DocumentRecords(documentId, List.copyOf(events), List.copyOf(outcomes), List.copyOf(commands),
                    eventsPartition, outcomesPartition, commandsPartition, List.copyOf(unreadable), truncated[0]);
        }
    }

    private Map<String, List<PartitionInfo>> topics(Consumer<byte[], byte[]> consumer) {
        try {
            return consumer.listTopics(timeout);
        } catch (KafkaException e) {
            throw new HistoryReadException("listing the topics failed: " + e.getMessage(), e);
        }
    }

    /** @return the partition read, or -1 when the topic does not exist */
    private <T> int read(Consumer<byte[], byte[]> consumer, Map<String, List<PartitionInfo>> topics, String topic,
            UUID documentId, Codec<T> codec, Function<T, UUID> documentOf, List<Located<T>> into,
            List<String> unreadable, boolean[] truncated) {
        List<PartitionInfo> partitions = topics.get(topic);
        if (partitions == null || partitions.isEmpty()) {
            return -1;
        }
        TopicPartition tp = new TopicPartition(topic, Partitioning.partitionOf(documentId, partitions.size()));
        long[] bounds = PartitionReader.bounds(consumer, tp, timeout);
        long from = Math.max(bounds[0], bounds[1] - maxRecordsPerPartition);
        if (from > bounds[0]) {
            truncated[0] = true;
        }
        byte[] key = Partitioning.key(documentId);
        PartitionReader.read(consumer, tp, from, bounds[1], timeout, r -> {
            if (!Arrays.equals(r.key(), key)) {
                return;
            }
            try {
                T value = codec.decode(r.value());
                if (documentId.equals(documentOf.apply(value))) {
                    into.add(new Located<>(value, topic, r.partition(), r.offset(), TraceParent.traceId(r.headers())));
                }
            } catch (RejectedRecordException e) {
                unreadable.add(topic + " " + r.partition() + ":" + r.offset());
            }
        });
        return tp.partition();
    }
}
