package dev.docpipe.api.ops;

import dev.docpipe.history.TopicClients;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What the pipeline decides and emits right now, counted from its output topics while somebody watches the live
 * view: commands decided and duplicates suppressed (ALREADY_DONE and DUPLICATE outcomes on
 * docpipe.command-outcomes), and jobs emitted (ScanRequested and OcrRequested on docpipe.events, first issues and
 * lease re-issues alike, recognised by their CloudEvents {@code ce_type} header without decoding the event). A
 * group-less read_committed consumer from the end of every partition, so this instance sees everything whichever
 * instance owns which partition, and nothing is counted twice after an aborted transaction. It runs only while the
 * live view has a subscriber.
 */
@Component
public class PipelineActivity implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(PipelineActivity.class);

    /** Counts since the watcher started. */
    public record Totals(long commands, long duplicates, long jobs) {}

    private final TopicClients clients;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();
    private Watcher watcher;

    public PipelineActivity(TopicClients clients) {
        this.clients = clients;
    }

    public Totals totals() {
        return new Totals(commands.get(), duplicates.get(), jobs.get());
    }

    public synchronized void start() {
        if (watcher == null) {
            watcher = new Watcher();
            Thread.ofPlatform().name("docpipe-ops-activity").daemon().start(watcher);
        }
    }

    public synchronized void stop() {
        if (watcher != null) {
            watcher.stop();
            watcher = null;
        }
    }

    /** One watch from start to stop; a new start gets a new one, so an old one still closing never counts twice. */
    private final class Watcher implements Runnable {
        private volatile boolean running = true;
        private volatile Consumer<byte[], byte[]> consumer;

        void stop() {
            running = false;
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        @Override
        public void run() {
            while (running) {
                try (Consumer<byte[], byte[]> c = clients.consumer()) {
                    consumer = c;
                    if (!running) {
                        return;
                    }
                    List<TopicPartition> partitions = partitions(c);
                    if (partitions.isEmpty()) {
                        pause();
                        continue;
                    }
                    c.assign(partitions);
                    c.seekToEnd(partitions);
                    while (running) {
                        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                            count(r);
                        }
                    }
                } catch (WakeupException stopped) {
                    // stop() woke the poll
                } catch (RuntimeException e) {
                    log.warn("live view: reading the pipeline's outputs failed, retrying: {}", e.toString());
                    pause();
                } finally {
                    consumer = null;
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static List<TopicPartition> partitions(Consumer<byte[], byte[]> c) {
        Map<String, List<PartitionInfo>> topics = c.listTopics(Duration.ofSeconds(5));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.COMMAND_OUTCOMES, Topics.EVENTS)) {
            topics.getOrDefault(topic, List.of()).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    void count(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().equals(Topics.COMMAND_OUTCOMES)) {
            try {
                CommandOutcome outcome = ModelJson.OUTCOMES.decode(r.value());
                commands.incrementAndGet();
                if (outcome.status() == OutcomeStatus.ALREADY_DONE || outcome.status() == OutcomeStatus.DUPLICATE) {
                    duplicates.incrementAndGet();
                }
            } catch (RejectedRecordException unreadable) {
                // counted by the pipeline's DLQ, not here
            }
        } else if (requestsJob(r)) {
            jobs.incrementAndGet();
        }
    }

    private static boolean requestsJob(ConsumerRecord<byte[], byte[]> r) {
        Header type = r.headers().lastHeader("ce_type");
        if (type != null && type.value() != null) {
            String name = new String(type.value(), StandardCharsets.UTF_8);
            String simple = name.substring(name.lastIndexOf('.') + 1);
            return simple.equals("ScanRequested") || simple.equals("OcrRequested");
        }
        try {
            return RequestedJobs.of(ModelJson.EVENTS.decode(r.value()).event()).isPresent();
        } catch (RejectedRecordException unreadable) {
            return false;
        }
    }

    @Override
    public void destroy() {
        stop();
    }
}
