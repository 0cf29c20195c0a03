package dev.docpipe.cli.audit;

import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Matches the records of {@code docpipe.jobs.scan/ocr} with the jobs the events name: every job record
 * must be named by exactly one event, and every named job must be on its topic exactly once, as named.
 */
final class JobTopicCheck {
    /** Where a job record is. */
    record Dispatch(Job job, String topic, int partition, long offset) {
        String address() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private final Map<UUID, NamedJob> named;
    private final Consumer<Violation> violations;
    private final Map<UUID, List<Dispatch>> dispatched = new HashMap<>();
    private final Map<String, Long> recordsByTopic = new HashMap<>();

    JobTopicCheck(Map<UUID, NamedJob> named, Consumer<Violation> violations) {
        this.named = named;
        this.violations = violations;
    }

    void onRecord(ConsumerRecord<byte[], byte[]> record) {
        recordsByTopic.merge(record.topic(), 1L, Long::sum);
        Job job;
        try {
            job = ModelJson.JOBS.decode(record.value());
        } catch (RejectedRecordException e) {
            violations.accept(new Violation(ViolationType.UNREADABLE_JOB, null, record.topic(), record.partition(),
                    record.offset(), e.reason() + ": " + e.getMessage()));
            return;
        }
        dispatched.computeIfAbsent(job.jobId(), id -> new ArrayList<>(1))
                .add(new Dispatch(job, record.topic(), record.partition(), record.offset()));
    }

    /** Named jobs not seen on their topic (yet). */
    Set<UUID> missing() {
        Set<UUID> missing = new HashSet<>(named.keySet());
        missing.removeAll(dispatched.keySet());
        return missing;
    }

    /**
     * Records past the first read's end offsets, read only to find jobs whose event was committed after the
     * job topics' ends were taken: they resolve missing jobs, nothing else.
     */
    void onLateRecord(ConsumerRecord<byte[], byte[]> record, Set<UUID> stillMissing) {
        try {
            Job job = ModelJson.JOBS.decode(record.value());
            if (stillMissing.contains(job.jobId())) {
                recordsByTopic.merge(record.topic(), 1L, Long::sum);
                dispatched.computeIfAbsent(job.jobId(), id -> new ArrayList<>(1))
                        .add(new Dispatch(job, record.topic(), record.partition(), record.offset()));
            }
        } catch (RejectedRecordException e) {
            // judged when the audit reaches it next time
        }
    }

    void finish() {
        dispatched.forEach((jobId, dispatches) -> {
            NamedJob name = named.get(jobId);
            Dispatch first = dispatches.getFirst();
            if (name == null) {
                for (Dispatch d : dispatches) {
                    violation(ViolationType.JOB_WITHOUT_EVENT, d, d.job().kind() + " job " + jobId
                            + " is on " + d.topic() + " but no event names it");
                }
                return;
            }
            if (dispatches.size() > 1) {
                for (Dispatch d : dispatches.subList(1, dispatches.size())) {
                    violation(ViolationType.JOB_DISPATCHED_TWICE, d, d.job().kind() + " job " + jobId
                            + " dispatched " + dispatches.size() + " times (first at " + first.address() + ")");
                }
            }
            for (Dispatch d : dispatches) {
                String expectedTopic = name.job().kind().topic();
                if (!d.topic().equals(expectedTopic)) {
                    violation(ViolationType.JOB_RECORD_MISMATCH, d, "job " + jobId + " is a " + name.job().kind()
                            + " job but was sent to " + d.topic());
                } else if (!d.job().equals(name.job())) {
                    violation(ViolationType.JOB_RECORD_MISMATCH, d, "job record " + jobId + " differs from the job "
                            + "named by the event at docpipe.events/" + name.address());
                }
            }
        });
        for (UUID jobId : missing()) {
            NamedJob name = named.get(jobId);
            violations.accept(new Violation(ViolationType.JOB_MISSING, name.job().documentId(),
                    Topics.EVENTS, name.partition(), name.offset(), name.job().kind() + " job "
                            + jobId + " is named by this event but is not on " + name.job().kind().topic()));
        }
    }

    long records(JobKind kind) {
        return recordsByTopic.getOrDefault(kind.topic(), 0L);
    }

    private void violation(ViolationType type, Dispatch d, String message) {
        violations.accept(new Violation(type, d.job().documentId(), d.topic(), d.partition(), d.offset(), message));
    }
}
