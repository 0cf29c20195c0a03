package dev.docpipe.cli.kafka;

import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for the outcomes of commands the CLI sent, on docpipe.command-outcomes (read_committed), reading only
 * what arrived after the watch was created (create it before sending).
 */
public final class OutcomeWatch {
    private final KafkaAccess kafka;
    private final Map<TopicPartition, Long> start;
    private final Map<UUID, Integer> expected = new HashMap<>();
    private final Map<UUID, Integer> answered = new HashMap<>();
    private final Map<String, Long> statuses = new TreeMap<>();
    private final List<UUID> acceptedJobs = new ArrayList<>();
    private final Map<UUID, CommandOutcome> outcomes = new HashMap<>();
    private long remaining;

    public OutcomeWatch(KafkaAccess kafka) {
        this.kafka = kafka;
        this.start = kafka.endOffsets(Topics.COMMAND_OUTCOMES);
    }

    /** One more outcome to wait for (a command id sent twice is answered twice). */
    public void expect(UUID commandId) {
        expected.merge(commandId, 1, Integer::sum);
        remaining++;
    }

    public Set<UUID> commandIds() {
        return expected.keySet();
    }

    /** @return how many outcomes did not arrive within {@code timeout} */
    public long await(Duration timeout, Progress progress) {
        TopicScan.follow(kafka, start, batch -> {
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                CommandOutcome outcome;
                try {
                    outcome = ModelJson.OUTCOMES.decode(r.value());
                } catch (RejectedRecordException e) {
                    continue;
                }
                Integer want = expected.get(outcome.commandId());
                if (want == null) {
                    continue;
                }
                int got = answered.merge(outcome.commandId(), 1, Integer::sum);
                if (got <= want) {
                    remaining--;
                    statuses.merge(outcome.status().name() + " " + outcome.reason(), 1L, Long::sum);
                    outcomes.put(outcome.commandId(), outcome);
                    if (outcome.status() == OutcomeStatus.ACCEPTED) {
                        acceptedJobs.addAll(outcome.jobIds());
                    }
                    progress.add(1);
                }
            }
        }, () -> remaining <= 0, timeout);
        return Math.max(remaining, 0);
    }

    /** "STATUS REASON" -> count. */
    public Map<String, Long> statuses() {
        return statuses;
    }

    /** The outcome that arrived for each command id (the latest, for one sent twice). */
    public Map<UUID, CommandOutcome> outcomes() {
        return outcomes;
    }

    /** Jobs of ACCEPTED outcomes. */
    public List<UUID> acceptedJobs() {
        return acceptedJobs;
    }
}
