package dev.docpipe.cli.it;

import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.readmodel.DocumentProjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The API's projector as api-service runs it (group, read_committed, batch per transaction, offsets after):
 * the live read model the CLI rebuilds and audits.
 */
final class LiveProjector implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    LiveProjector(String bootstrap, DataSource dataSource) {
        DocumentProjector projector = TestKek.projector(dataSource);
        thread = new Thread(() -> run(bootstrap, projector), "live-projector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String bootstrap, DocumentProjector projector) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "replay-cli-it-projector-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            while (running.get()) {
                List<RecordedEvent> events = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        events.add(ModelJson.EVENTS.decode(record.value()));
                    } catch (RuntimeException unreadable) {
                        // the api-service counts and skips these too
                    }
                }
                if (!events.isEmpty()) {
                    projector.apply(events);
                }
                consumer.commitSync();
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                failure.set(e);
            }
        }
    }

    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
