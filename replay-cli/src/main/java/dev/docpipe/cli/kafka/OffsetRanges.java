package dev.docpipe.cli.kafka;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.support.RangeBound;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Turns {@code --from/--to [--partition]} into offset ranges of a topic ({@code --to} is inclusive). */
public final class OffsetRanges {
    private OffsetRanges() {}

    /** Checks what can be checked without Kafka: an inverted or empty range is a usage error. */
    public static void validate(RangeBound from, RangeBound to) {
        if (from instanceof RangeBound.Offset f && to instanceof RangeBound.Offset t && f.offset() > t.offset()) {
            throw CliException.usage("inverted range: --from " + f.offset() + " is after --to " + t.offset());
        }
        if (from instanceof RangeBound.Timestamp f && to instanceof RangeBound.Timestamp t
                && !f.at().isBefore(t.endExclusive())) {
            throw CliException.usage("inverted range: --from " + f + " is after --to " + t);
        }
        if (from instanceof RangeBound.Latest && !(to instanceof RangeBound.Latest)) {
            throw CliException.usage("inverted range: --from latest is after --to " + to);
        }
        if (to instanceof RangeBound.Earliest && !(from instanceof RangeBound.Earliest)) {
            throw CliException.usage("inverted range: --to earliest is before --from " + from);
        }
    }

    /**
     * The ranges of {@code topic} (one partition, or every partition) between the bounds. Offsets apply
     * to each selected partition; times are looked up per partition.
     */
    public static List<PartitionRange> resolve(KafkaAccess kafka, String topic, Integer partition, RangeBound from,
            RangeBound to) {
        validate(from, to);
        List<TopicPartition> all = kafka.partitions(topic);
        List<TopicPartition> selected;
        if (partition == null) {
            selected = all;
        } else {
            if (partition < 0 || partition >= all.size()) {
                throw CliException.usage("--partition " + partition + " does not exist: " + topic + " has partitions 0.."
                        + (all.size() - 1));
            }
            selected = List.of(all.get(partition));
        }
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(selected);
        Map<TopicPartition, Long> end = kafka.endOffsets(selected);
        Map<TopicPartition, Long> fromTime = from instanceof RangeBound.Timestamp t
                ? kafka.offsetsAt(selected, t.at().toEpochMilli()) : Map.of();
        Map<TopicPartition, Long> toTime = to instanceof RangeBound.Timestamp t
                ? kafka.offsetsAt(selected, t.endExclusiveMillis()) : Map.of();
        List<PartitionRange> ranges = new ArrayList<>();
        for (TopicPartition tp : selected) {
            long b = begin.get(tp);
            long e = end.get(tp);
            long start = switch (from) {
                case RangeBound.Offset o -> Math.max(o.offset(), b);
                case RangeBound.Earliest x -> b;
                case RangeBound.Latest x -> e;
                case RangeBound.Timestamp x -> fromTime.get(tp);
            };
            long until = switch (to) {
                case RangeBound.Offset o -> Math.min(o.offset() + 1, e);
                case RangeBound.Earliest x -> b;
                case RangeBound.Latest x -> e;
                case RangeBound.Timestamp x -> toTime.get(tp);
            };
            ranges.add(new PartitionRange(tp, Math.min(start, e), Math.max(Math.min(start, e), until)));
        }
        return ranges;
    }
}
