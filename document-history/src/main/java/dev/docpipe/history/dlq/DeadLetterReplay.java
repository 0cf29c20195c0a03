package dev.docpipe.history.dlq;

import dev.docpipe.history.HistoryReadException;
import dev.docpipe.history.TopicClients;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.Codec;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-injects dead-lettered records, after the cause was fixed, into the topic they came from
 * ({@code dlq.source.topic}) or a given one: same key and value, the {@code dlq.*} headers removed,
 * {@code docpipe.replayed-from} added. Every address and target is checked before anything is sent. A record this
 * version's codec still refuses is reported (it will probably be dead-lettered again) and sent anyway unless
 * {@code skipUnreadable}. The one path of {@code docpipe dlq replay} and the operator console.
 */
public final class DeadLetterReplay {
    private final TopicClients clients;
    private final DeadLetterReader reader;
    private final Duration timeout;

    public DeadLetterReplay(TopicClients clients, Duration timeout) {
        this.clients = clients;
        this.reader = new DeadLetterReader(clients, timeout);
        this.timeout = timeout;
    }

    /**
     * @param toTopic send here instead of each record's source topic (null: the source topic)
     * @param dryRun check and report, send nothing
     */
    public record Request(Collection<RecordAddress> addresses, String toTopic, boolean skipUnreadable,
            boolean dryRun) {}

    /** What happened to one record: {@code status} is sent, skipped or dry run; {@code check} readable or why not. */
    public record Replayed(String address, String reason, String target, String check, String status,
            String newAddress) {}

    public List<Replayed> replay(Request request) {
        TreeSet<RecordAddress> unique = new TreeSet<>(request.addresses());
        Map<RecordAddress, DeadLetter> records = reader.fetch(unique);
        Set<String> topics = topics();
        for (RecordAddress a : unique) {
            String target = target(request, records.get(a));
            if (target == null) {
                throw new DeadLetterException(DeadLetterException.Problem.NO_SOURCE_TOPIC, "record " + a + " has no "
                        + DlqHeaders.SOURCE_TOPIC + " header: name the topic to send it to");
            }
            if (target.equals(Topics.DLQ)) {
                throw new DeadLetterException(DeadLetterException.Problem.INTO_DLQ, "record " + a + ": replaying into "
                        + Topics.DLQ + " itself makes no sense");
            }
            if (!topics.contains(target)) {
                throw new DeadLetterException(DeadLetterException.Problem.UNKNOWN_TOPIC, "record " + a + ": topic "
                        + target + " does not exist");
            }
        }
        List<Replayed> results = new ArrayList<>();
        int sent = 0;
        try (Producer<byte[], byte[]> producer = request.dryRun() ? null : clients.producer()) {
            for (RecordAddress a : unique) {
                DeadLetter d = records.get(a);
                String target = target(request, d);
                String check = check(target, d.record().value());
                if (request.dryRun() || (request.skipUnreadable() && !check.equals("readable"))) {
                    results.add(new Replayed(a.toString(), d.reason(), target, check,
                            request.dryRun() ? "dry run" : "skipped", null));
                    continue;
                }
                try {
                    RecordMetadata m = producer.send(new ProducerRecord<>(target, null, d.record().key(),
                            d.record().value(), replayHeaders(d, a))).get();
                    results.add(new Replayed(a.toString(), d.reason(), target, check, "sent",
                            m.topic() + "/" + m.partition() + "/" + m.offset()));
                    sent++;
                } catch (ExecutionException e) {
                    throw new DeadLetterException(DeadLetterException.Problem.SEND_FAILED, "sending " + a + " to "
                            + target + " failed after " + sent + " record(s): " + e.getCause().getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeadLetterException(DeadLetterException.Problem.SEND_FAILED, "interrupted after " + sent
                            + " record(s)", e);
                }
            }
        }
        return results;
    }

    private static String target(Request request, DeadLetter d) {
        return request.toTopic() != null ? request.toTopic() : d.sourceTopic();
    }

    private static RecordHeaders replayHeaders(DeadLetter d, RecordAddress a) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : d.record().headers()) {
            if (!DlqHeaders.isDlqHeader(h.key()) && !h.key().equals(DlqHeaders.REPLAYED_FROM)) {
                headers.add(h);
            }
        }
        headers.add(DlqHeaders.REPLAYED_FROM, (Topics.DLQ + "/" + a.partition() + "/" + a.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private Set<String> topics() {
        try (Consumer<byte[], byte[]> consumer = clients.consumer()) {
            return consumer.listTopics(timeout).keySet();
        } catch (KafkaException e) {
            throw new HistoryReadException("listing the topics failed: " + e.getMessage(), e);
        }
    }

    /** Whether this version of the model can read the value as a record of the target topic. */
    static String check(String topic, byte[] value) {
        Codec<?> codec = switch (topic) {
            case Topics.COMMANDS -> ModelJson.COMMANDS;
            case Topics.JOB_RESULTS -> ModelJson.RESULTS;
            default -> null;
        };
        if (codec == null) {
            return "readable";
        }
        try {
            codec.decode(value);
            return "readable";
        } catch (RejectedRecordException e) {
            return "still unreadable: " + e.reason() + " " + e.getMessage();
        }
    }
}
