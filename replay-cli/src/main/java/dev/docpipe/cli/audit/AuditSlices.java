package dev.docpipe.cli.audit;

import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.history.Partitioning;
import dev.docpipe.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Cuts the audit into slices by partition number. Every docpipe record is keyed by its document id and every
 * docpipe topic has the same partition count, so partition p of the event log and partition p of each job
 * topic hold all the records of the same documents: the audit folds one partition number at a time and holds
 * only its documents. If an operator gave the topics different partition counts, that no longer holds and the
 * audit is one slice, the whole log (its memory then grows with the log).
 *
 * @param slices in partition order
 * @param wholeLogBecause why the audit is not sliced by partition, when it is not
 */
record AuditSlices(List<Slice> slices, Optional<String> wholeLogBecause) {

    /**
     * One slice of the log and of the job topics.
     *
     * @param jobs the job topics' ranges up to the ends taken before the log's
     * @param jobPartitions the job topics' partitions of this slice (for the records past those ends)
     * @param documents the document ids this slice holds (the read model's rows are split the same way)
     */
    record Slice(String name, List<PartitionRange> events, List<PartitionRange> jobs,
            List<TopicPartition> jobPartitions, Predicate<UUID> documents) {}

    /**
     * Takes the job topics' ends first, then the log's: every job in the first snapshot then has its event in
     * the second.
     *
     * @param jobEnds receives the job topics' ends (for reading the records committed after them)
     */
    static AuditSlices of(KafkaAccess kafka, boolean jobTopics, Map<TopicPartition, Long> jobEnds) {
        List<TopicPartition> jobPartitions = new ArrayList<>();
        if (jobTopics) {
            jobPartitions.addAll(kafka.partitions(Topics.SCAN_JOBS));
            jobPartitions.addAll(kafka.partitions(Topics.OCR_JOBS));
            jobEnds.putAll(kafka.endOffsets(jobPartitions));
        }
        List<PartitionRange> log = EventLog.wholeLog(kafka);
        List<PartitionRange> jobs = TopicScan.ranges(kafka.beginningOffsets(jobPartitions), jobEnds);
        return of(log, jobs, jobPartitions, jobTopics);
    }

    /** Slices the given ranges; pure, for tests. */
    static AuditSlices of(List<PartitionRange> log, List<PartitionRange> jobs, List<TopicPartition> jobPartitions,
            boolean jobTopics) {
        Map<String, Long> counts = new HashMap<>();
        counts.put(Topics.EVENTS, (long) log.size());
        if (jobTopics) {
            jobPartitions.stream().collect(Collectors.groupingBy(TopicPartition::topic, Collectors.counting()))
                    .forEach(counts::put);
            counts.putIfAbsent(Topics.SCAN_JOBS, 0L);
            counts.putIfAbsent(Topics.OCR_JOBS, 0L);
        }
        int partitions = log.size();
        if (counts.values().stream().distinct().count() > 1) {
            return new AuditSlices(List.of(new Slice("whole log", log, jobs, jobPartitions, id -> true)),
                    Optional.of("the topics' partition counts differ " + new TreeMap<>(counts)));
        }
        if (partitions <= 1) {
            return new AuditSlices(List.of(new Slice("whole log", log, jobs, jobPartitions, id -> true)),
                    Optional.empty());
        }
        List<Slice> slices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            slices.add(new Slice("partition " + p,
                    log.stream().filter(r -> r.partition().partition() == partition).toList(),
                    jobs.stream().filter(r -> r.partition().partition() == partition).toList(),
                    jobPartitions.stream().filter(tp -> tp.partition() == partition).toList(),
                    id -> Partitioning.partitionOf(id, partitions) == partition));
        }
        return new AuditSlices(List.copyOf(slices), Optional.empty());
    }

    /** The audit as one slice, the whole log (benchmarks and tests: compare with the sliced audit). */
    AuditSlices whole() {
        List<PartitionRange> events = slices.stream().flatMap(s -> s.events().stream()).toList();
        List<PartitionRange> jobs = slices.stream().flatMap(s -> s.jobs().stream()).toList();
        List<TopicPartition> jobPartitions = slices.stream().flatMap(s -> s.jobPartitions().stream()).toList();
        return new AuditSlices(List.of(new Slice("whole log", events, jobs, jobPartitions, id -> true)),
                Optional.of(wholeLogBecause.orElse("--whole-log")));
    }

    long events() {
        return slices.stream().mapToLong(s -> TopicScan.size(s.events())).sum();
    }
}
