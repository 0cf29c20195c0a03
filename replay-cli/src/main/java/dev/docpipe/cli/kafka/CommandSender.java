package dev.docpipe.cli.kafka;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.support.Rate;
import dev.docpipe.history.Partitioning;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.json.ModelJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The CLI's one way to send new commands to {@code docpipe.commands} (backfill, retry-ocr): encoded by the
 * model's codec, keyed by the document id so that Kafka's default partitioner (murmur2) puts each on its
 * document's partition as every other producer does, through the idempotent producer of {@link KafkaAccess},
 * paced by an optional rate. {@link #flush} returns only once the broker acknowledged everything sent, so a
 * progress marker saved after it never runs ahead of the topic. (A redrive re-publishes recorded bytes as they
 * are, and a DLQ replay raw records: neither builds a command.)
 */
public final class CommandSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Rate rate;
    private final OutcomeWatch watch;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private long sent;

    /**
     * @param perSecond at most this many commands a second (null: unpaced)
     * @param watch told about every command sent, to await its outcome (null: nobody waits)
     */
    public CommandSender(KafkaAccess kafka, Double perSecond, OutcomeWatch watch) {
        this.producer = kafka.producer();
        this.rate = perSecond == null ? null : new Rate(perSecond);
        this.watch = watch;
    }

    public void send(Command command) throws InterruptedException {
        if (rate != null) {
            rate.acquire();
        }
        if (watch != null) {
            watch.expect(command.commandId());
        }
        pending.add(producer.send(new ProducerRecord<>(Topics.COMMANDS, Partitioning.key(command.documentId()),
                ModelJson.COMMANDS.encode(command))));
        sent++;
    }

    /** Waits until the broker has acknowledged every command sent so far (exit 1 if one failed). */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new CliException(ExitCodes.FAILURE, "sending to " + Topics.COMMANDS + " failed: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failure("interrupted while sending to " + Topics.COMMANDS);
            }
        }
        pending.clear();
    }

    /** Commands handed to the producer so far. */
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
