package dev.docpipe.pipeline;

import dev.docpipe.model.Topics;
import dev.docpipe.pipeline.topology.DocpipeTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The partition counts the one-task-per-document rule depends on. A document's commands and results go
 * to partition {@code murmur2(id) % n} of the two input topics, and its state lives in the same
 * partition of the stores' changelogs: if the inputs differ from each other, or from changelogs an
 * earlier run wrote, a document's records reach a task that does not hold its state, which would then
 * decide them against an empty document. So the pipeline refuses to start until an operator
 * repartitions as the runbook says.
 */
public final class PartitionLayout {
    /** Where an operator reads how to change the partition count safely. */
    public static final String RUNBOOK = "docs/operations.md, section \"Repartitioning\"";

    private PartitionLayout() {}

    /** Thrown instead of starting: its message is the one line an operator needs. */
    public static final class MismatchException extends IllegalStateException {
        public MismatchException(String message) {
            super(message);
        }
    }

    /** The changelog topics Kafka Streams keeps for the stores of {@code applicationId}. */
    public static List<String> changelogs(String applicationId) {
        return DocpipeTopology.storeNames().stream().map(store -> applicationId + "-" + store + "-changelog").toList();
    }

    /**
     * The input topics' partition count, after checking it against the other input and the existing
     * changelogs of {@code applicationId}.
     *
     * @throws MismatchException when they differ
     */
    public static int verify(Admin admin, String applicationId) {
        return verify(admin, Topics.COMMANDS, Topics.JOB_RESULTS, changelogs(applicationId));
    }

    static int verify(Admin admin, String commands, String results, List<String> changelogs) {
        Map<String, Integer> inputs = partitionCounts(admin, List.of(commands, results), true);
        int count = inputs.get(commands);
        Map<String, Integer> found = new LinkedHashMap<>(inputs);
        found.putAll(partitionCounts(admin, changelogs, false));
        if (found.values().stream().anyMatch(n -> n != count)) {
            throw new MismatchException("refusing to start: the partition counts of " + describe(found)
                    + " differ, so documents would be decided by tasks that do not hold their state;"
                    + " repartition as " + RUNBOOK + " says");
        }
        return count;
    }

    private static Map<String, Integer> partitionCounts(Admin admin, List<String> topics, boolean required) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        var futures = admin.describeTopics(topics).topicNameValues();
        for (String topic : topics) {
            try {
                TopicDescription description = futures.get(topic).get(30, TimeUnit.SECONDS);
                counts.put(topic, description.partitions().size());
            } catch (ExecutionException e) {
                if (required || !(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe " + topic + ": " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("could not describe " + topic + " in time", e);
            }
        }
        return counts;
    }

    private static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((topic, n) -> parts.add(topic + " (" + n + ")"));
        return String.join(", ", parts);
    }
}
