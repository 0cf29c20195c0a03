package dev.docpipe.cli.dlq;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.dlq.DeadLetter;
import dev.docpipe.history.dlq.DeadLetterException;
import dev.docpipe.history.dlq.DeadLetterReader;
import dev.docpipe.history.dlq.RecordAddress;
import dev.docpipe.model.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads docpipe.dlq (read_committed: the pipeline dead-letters inside its transactions). */
final class DeadLetters {
    private DeadLetters() {}

    static void readAll(KafkaAccess kafka, Consumer<DeadLetter> handler, Progress progress) {
        List<PartitionRange> ranges = TopicScan.wholeTopic(kafka, Topics.DLQ);
        progress.total(TopicScan.size(ranges));
        TopicScan.read(kafka, ranges, batch -> batch.forEach(r -> handler.accept(DeadLetter.of(r))), progress);
    }

    /** The records at the given addresses; exit 2 naming the first address that holds no record. */
    static Map<RecordAddress, DeadLetter> fetch(KafkaAccess kafka, Collection<RecordAddress> addresses) {
        try {
            return new DeadLetterReader(kafka, kafka.timeout()).fetch(addresses);
        } catch (DeadLetterException e) {
            throw CliException.usage(e.getMessage() + " (see 'docpipe dlq list' for the records there)");
        }
    }
}
