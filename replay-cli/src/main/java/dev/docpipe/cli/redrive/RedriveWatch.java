package dev.docpipe.cli.redrive;

import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.OutcomeWatch;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches what redriven commands cause: their outcomes, then (read_committed, so a command's events and
 * jobs are visible once its outcome is, all three being one transaction) the events they caused and the job
 * records on the job topics. Offsets are taken before sending, so only new records are looked at.
 */
final class RedriveWatch {
    private final KafkaAccess kafka;
    private final Map<TopicPartition, Long> eventsStart;
    private final Map<TopicPartition, Long> jobsStart;
    private final OutcomeWatch outcomes;

    /** Takes the starting offsets; call before sending. */
    RedriveWatch(KafkaAccess kafka) {
        this.kafka = kafka;
        this.outcomes = new OutcomeWatch(kafka);
        this.eventsStart = kafka.endOffsets(Topics.EVENTS);
        Map<TopicPartition, Long> jobs = new HashMap<>(kafka.endOffsets(Topics.SCAN_JOBS));
        jobs.putAll(kafka.endOffsets(Topics.OCR_JOBS));
        this.jobsStart = jobs;
    }

    void expect(UUID commandId) {
        outcomes.expect(commandId);
    }

    /** Waits for an outcome per sent command; returns how many did not come within {@code timeout}. */
    long awaitOutcomes(Duration timeout, Progress progress) {
        return outcomes.await(timeout, progress);
    }

    Map<String, Long> statuses() {
        return outcomes.statuses();
    }

    /**
     * Offsets the job topics grew by since the start, whatever caused it (live traffic, lease re-issues); an
     * upper bound that needs no decoding. Counts transaction markers too.
     */
    long jobTopicGrowth() {
        long growth = 0;
        for (Map.Entry<TopicPartition, Long> e : kafka.endOffsets(jobsStart.keySet()).entrySet()) {
            growth += e.getValue() - jobsStart.getOrDefault(e.getKey(), 0L);
        }
        return growth;
    }

    /** Events caused by the redriven commands since the start. */
    List<RecordedEvent> causedEvents() {
        List<RecordedEvent> caused = new ArrayList<>();
        List<PartitionRange> ranges = TopicScan.ranges(eventsStart, kafka.endOffsets(eventsStart.keySet()));
        TopicScan.read(kafka, ranges, batch -> {
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                try {
                    RecordedEvent e = ModelJson.EVENTS.decode(r.value());
                    if (outcomes.commandIds().contains(e.causationId())) {
                        caused.add(e);
                    }
                } catch (RejectedRecordException ignored) {
                    // the audit reports unreadable events
                }
            }
        }, Progress.none());
        return caused;
    }

    /**
     * Job records since the start that the redriven commands caused: those a caused event names (the pipeline
     * writes a job and the event naming it in one transaction; a job id also depends on the attempt, so it
     * cannot be derived from the command alone).
     */
    List<Job> causedJobs(List<RecordedEvent> causedEvents) {
        Set<UUID> ids = new HashSet<>();
        RequestedJobs.in(causedEvents).forEach(j -> ids.add(j.jobId()));
        List<Job> jobs = new ArrayList<>();
        List<PartitionRange> ranges = TopicScan.ranges(jobsStart, kafka.endOffsets(jobsStart.keySet()));
        TopicScan.read(kafka, ranges, batch -> {
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                try {
                    Job job = ModelJson.JOBS.decode(r.value());
                    if (ids.contains(job.jobId())) {
                        jobs.add(job);
                    }
                } catch (RejectedRecordException ignored) {
                    // the audit reports unreadable job records
                }
            }
        }, Progress.none());
        return jobs;
    }
}
