package dev.docpipe.example;

import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A downstream consumer of {@code docpipe.events}, done the way docs/asyncapi.yaml asks:
 * <ul>
 *   <li>its own consumer group, so it has its own offsets and never takes partitions from docpipe's readers;
 *   <li>{@code isolation.level=read_committed}: the pipeline writes in transactions, and an aborted attempt's
 *       records must not be seen;
 *   <li>offsets committed only after the batch is handled (at least once) and handling idempotent by
 *       (documentId, version) ({@link HandledEvents}), which together make each notification happen once;
 *   <li>records read through shared-model's reader ({@link ModelJson#EVENTS}): it ignores fields it does not
 *       know and upcasts older schema versions, so a new docpipe release does not break this consumer. A
 *       record it cannot read (a newer major version: upgrade shared-model) is counted and skipped, never a
 *       reason to stop consuming.
 * </ul>
 */
public final class TextExtractedNotifier implements AutoCloseable {
    public static final String GROUP = "example-text-extracted-notifier";

    private static final Logger log = LoggerFactory.getLogger(TextExtractedNotifier.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final HandledEvents handled;
    private final Notifications notifications;
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();

    public TextExtractedNotifier(String bootstrapServers, String group, HandledEvents handled, Notifications notifications) {
        this.consumer = new KafkaConsumer<>(config(bootstrapServers, group), new StringDeserializer(), new ByteArrayDeserializer());
        this.handled = handled;
        this.notifications = notifications;
        consumer.subscribe(List.of(Topics.EVENTS));
    }

    static Map<String, Object> config(String bootstrapServers, String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new group starts at the beginning: the log is the history, kept for ever
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    /** One poll: handles what arrived, then commits its offsets. */
    public void pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        RecordedEvent event;
        try {
            event = ModelJson.EVENTS.decode(record.value());
        } catch (RejectedRecordException e) {
            unreadable.incrementAndGet();
            log.warn("skipping unreadable record {}-{}@{} ({}: {})", record.topic(), record.partition(), record.offset(),
                    e.reason(), e.getMessage());
            return;
        }
        if (event.event() instanceof TextExtracted text) {
            if (handled.firstTime(event.documentId(), event.version())) {
                notifications.textExtracted(event.documentId(), event.version(), text);
            } else {
                repeats.incrementAndGet();
            }
        }
    }

    /** Extracted texts read again after they were handled (and not told again). */
    public long repeats() {
        return repeats.get();
    }

    /** Records this consumer could not read (and skipped). */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** {@code TextExtractedNotifier [bootstrap-servers]}: prints a line per extracted text until stopped. */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        try (TextExtractedNotifier notifier = new TextExtractedNotifier(bootstrap, GROUP, new HandledEvents(),
                (documentId, version, text) -> System.out.printf("document %s: text extracted (%d characters, %s %s)%n",
                        documentId, text.textLength(), text.engine(), text.engineVersion()))) {
            Runtime.getRuntime().addShutdownHook(new Thread(notifier.consumer::wakeup));
            while (true) {
                notifier.pollOnce(Duration.ofSeconds(1));
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopped) {
            // Ctrl-C
        }
    }
}
