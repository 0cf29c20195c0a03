package dev.docpipe.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.history.Partitioning;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The audit folded one partition number at a time finds what the whole-log fold finds, holding less. */
class SlicedAuditTest {
    private static final int PARTITIONS = 4;

    private final SyntheticLog log = new SyntheticLog();

    @Test
    void aLogAuditedPartitionByPartitionHasTheWholeLogsCountsAndViolationsAndHoldsOnePartitionAtATime() {
        for (int i = 0; i < 20; i++) {
            log.registered().scanned().command(new ConfirmScan()).extracted("v1").command(new ReprocessOcr("v2"))
                    .extracted("v2");
            log.registered().scanned().command(new Rescan(1)).scanned();
            log.registered(); // pending: stuck at the audit's "now" below
        }
        SyntheticLog.Doc inFlight = log.registered();
        inFlight.inject(new ScanRequested(new Job(UUID.randomUUID(), inFlight.id, JobKind.SCAN, 2, SyntheticLog.FILE,
                log.clock.plusSeconds(60), null), 1));
        SyntheticLog.Doc twice = log.registered().scanned().command(new ConfirmScan()).extracted("v1");
        twice.inject(new OcrRequested(new Job(UUID.randomUUID(), twice.id, JobKind.OCR, 9, SyntheticLog.FILE,
                log.clock.plusSeconds(60), "v1"), 1));
        log.registered().inject(new DocumentScanned(UUID.randomUUID(), 1,
                new ScanReport("x", 1, 1, 1, 1, null, null, List.of())));
        List<List<LoggedEvent>> partitions = partitioned(log.log);
        Instant now = log.clock.plus(Duration.ofHours(1));

        List<Violation> wholeViolations = new ArrayList<>();
        Auditor whole = new Auditor(now, Duration.ofMinutes(5), wholeViolations::add);
        partitions.stream().flatMap(List::stream).forEach(whole::onEvent);
        whole.finish();

        List<Violation> slicedViolations = new ArrayList<>();
        Auditor sliced = new Auditor(now, Duration.ofMinutes(5), slicedViolations::add);
        for (List<LoggedEvent> partition : partitions) {
            partition.forEach(sliced::onEvent);
            sliced.endSlice();
            sliced.nextSlice();
        }
        sliced.finish();

        assertThat(wholeViolations).extracting(Violation::type).contains(ViolationType.STUCK_PENDING,
                ViolationType.JOB_IN_FLIGHT, ViolationType.DUPLICATE_OCR_JOB, ViolationType.RESULT_NOT_CURRENT_JOB);
        assertThat(slicedViolations).containsExactlyInAnyOrderElementsOf(wholeViolations);
        assertThat(sliced.counts()).usingRecursiveComparison().isEqualTo(whole.counts());
        assertThat(sliced.counts().documents).isEqualTo(63);

        int largestPartition = partitions.stream()
                .mapToInt(p -> (int) p.stream().map(e -> e.event().documentId()).distinct().count()).max().orElseThrow();
        assertThat(whole.largestSlice()).isEqualTo(63);
        assertThat(sliced.largestSlice()).isEqualTo(largestPartition).isLessThan(63);
    }

    @Test
    void nextSliceRefusesToForgetDocumentsNotCheckedYet() {
        Auditor auditor = new Auditor(log.clock, Duration.ofMinutes(5), v -> { });
        log.registered();
        log.log.forEach(auditor::onEvent);
        assertThatIllegalStateException().isThrownBy(auditor::nextSlice);
    }

    @Test
    void topicsWithTheSamePartitionCountAreSlicedByPartitionNumber() {
        AuditSlices slices = AuditSlices.of(ranges(Topics.EVENTS, 3), jobRanges(3, 3), jobPartitions(3, 3), true);

        assertThat(slices.wholeLogBecause()).isEmpty();
        assertThat(slices.slices()).hasSize(3);
        AuditSlices.Slice second = slices.slices().get(1);
        assertThat(second.events()).extracting(r -> r.partition())
                .containsExactly(new TopicPartition(Topics.EVENTS, 1));
        assertThat(second.jobs()).extracting(r -> r.partition()).containsExactlyInAnyOrder(
                new TopicPartition(Topics.OCR_JOBS, 1), new TopicPartition(Topics.SCAN_JOBS, 1));
        UUID id = UUID.randomUUID();
        int p = Partitioning.partitionOf(id, 3);
        assertThat(slices.slices()).allSatisfy(s -> assertThat(s.documents().test(id))
                .isEqualTo(s == slices.slices().get(p)));
    }

    @Test
    void topicsWithDifferentPartitionCountsAreAuditedAsTheWholeLog() {
        AuditSlices slices = AuditSlices.of(ranges(Topics.EVENTS, 4), jobRanges(4, 6), jobPartitions(4, 6), true);

        assertThat(slices.slices()).singleElement().satisfies(s -> {
            assertThat(s.events()).hasSize(4);
            assertThat(s.jobs()).hasSize(10);
            assertThat(s.documents().test(UUID.randomUUID())).isTrue();
        });
        assertThat(slices.wholeLogBecause()).hasValueSatisfying(why -> assertThat(why)
                .contains("partition counts differ", Topics.OCR_JOBS + "=6", Topics.EVENTS + "=4"));
    }

    @Test
    void withoutTheJobTopicsOnlyTheLogIsSliced() {
        AuditSlices slices = AuditSlices.of(ranges(Topics.EVENTS, 2), List.of(), List.of(), false);

        assertThat(slices.wholeLogBecause()).isEmpty();
        assertThat(slices.slices()).hasSize(2).allSatisfy(s -> assertThat(s.jobs()).isEmpty());
        assertThat(slices.whole().slices()).singleElement().satisfies(s -> assertThat(s.events()).hasSize(2));
    }

    /** The events as the producers would have partitioned them: by the document id, offsets per partition. */
    private static List<List<LoggedEvent>> partitioned(List<LoggedEvent> events) {
        List<List<LoggedEvent>> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> (List<LoggedEvent>) new ArrayList<LoggedEvent>()).toList();
        for (LoggedEvent e : events) {
            int p = Partitioning.partitionOf(e.event().documentId(), PARTITIONS);
            List<LoggedEvent> partition = partitions.get(p);
            partition.add(new LoggedEvent(e.event(), p, partition.size(), e.timestamp(), e.keyMatches()));
        }
        return partitions;
    }

    private static List<PartitionRange> ranges(String topic, int partitions) {
        return IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionRange(new TopicPartition(topic, p), 0, 10)).toList();
    }

    private static List<PartitionRange> jobRanges(int scan, int ocr) {
        List<PartitionRange> ranges = new ArrayList<>(ranges(Topics.SCAN_JOBS, scan));
        ranges.addAll(ranges(Topics.OCR_JOBS, ocr));
        return ranges;
    }

    private static List<TopicPartition> jobPartitions(int scan, int ocr) {
        return jobRanges(scan, ocr).stream().map(PartitionRange::partition).toList();
    }
}
