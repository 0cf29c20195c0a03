package dev.docpipe.cli.dlq;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.Codec;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", sortOptions = false,
        header = "Re-inject dead-lettered records into their source topic.",
        description = {
            "Re-injects dead-lettered records, after the cause was fixed, into the topic they came from "
            + "(dlq.source.topic): same key and value; the dlq.* headers removed, docpipe.replayed-from added. All "
            + "addresses are checked before anything is sent. A record this version's codec still refuses is "
            + "reported (it will probably be dead-lettered again) but sent anyway unless --skip-unreadable."})
public final class DlqReplayCommand extends OperatorCommand {
    @Parameters(arity = "1..*", paramLabel = "<partition:offset>", converter = RecordAddress.Converter.class,
            description = "Addresses on docpipe.dlq (from 'docpipe dlq list').")
    List<RecordAddress> addresses;

    @Option(names = "--to-topic", paramLabel = "<topic>",
            description = "Send to this topic instead of the record's source topic.")
    String toTopic;

    @Option(names = "--skip-unreadable", description = "Do not send records this version's codec still refuses.")
    boolean skipUnreadable;

    @Option(names = "--dry-run", description = "Check and report; send nothing.")
    boolean dryRun;

    /** What happened to one record. */
    public record Replayed(String address, String reason, String target, String check, String status,
            String newAddress) {}

    @Override
    protected int execute() throws Exception {
        KafkaAccess kafka = kafka();
        TreeSet<RecordAddress> unique = new TreeSet<>(addresses);
        Map<RecordAddress, DeadLetter> records = DeadLetters.fetch(kafka, unique);
        for (RecordAddress a : unique) {
            String target = toTopic != null ? toTopic : records.get(a).sourceTopic();
            if (target == null) {
                throw CliException.usage("record " + a + " has no " + DlqHeaders.SOURCE_TOPIC + " header: use --to-topic");
            }
            if (target.equals(Topics.DLQ)) {
                throw CliException.usage("record " + a + ": replaying into " + Topics.DLQ + " itself makes no sense");
            }
            kafka.partitions(target); // exit 2 if it does not exist
        }
        List<Replayed> results = new ArrayList<>();
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : kafka.producer()) {
            for (RecordAddress a : unique) {
                DeadLetter d = records.get(a);
                String target = toTopic != null ? toTopic : d.sourceTopic();
                String check = check(target, d.record().value());
                if (dryRun || (skipUnreadable && !check.equals("readable"))) {
                    results.add(new Replayed(a.toString(), d.reason(), target, check, dryRun ? "dry run" : "skipped",
                            null));
                    continue;
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header h : d.record().headers()) {
                    if (!DlqHeaders.isDlqHeader(h.key()) && !h.key().equals(DlqHeaders.REPLAYED_FROM)) {
                        headers.add(h);
                    }
                }
                headers.add(DlqHeaders.REPLAYED_FROM, (Topics.DLQ + "/" + a.partition() + "/" + a.offset())
                        .getBytes(StandardCharsets.UTF_8));
                try {
                    RecordMetadata m = producer.send(new ProducerRecord<>(target, null, d.record().key(),
                            d.record().value(), headers)).get();
                    results.add(new Replayed(a.toString(), d.reason(), target, check, "sent",
                            m.topic() + "/" + m.partition() + "/" + m.offset()));
                    sent++;
                } catch (ExecutionException e) {
                    throw CliException.failure("sending " + a + " to " + target + " failed after " + sent
                            + " record(s): " + e.getCause().getMessage());
                }
            }
        }
        if (json()) {
            printJson(results);
        } else {
            for (Replayed r : results) {
                out().printf("%s (%s) -> %s: %s%s%s%n", r.address(), r.reason(), r.target(), r.status(),
                        r.newAddress() == null ? "" : " as " + r.newAddress(),
                        r.check().equals("readable") ? "" : " [warning: " + r.check() + "]");
            }
            out().printf("%d of %d record(s) %s%n", sent, results.size(), dryRun ? "would be sent (dry run)" : "sent");
        }
        return ExitCodes.OK;
    }

    /** Whether this version of the model can read the value as a record of the target topic. */
    private static String check(String topic, byte[] value) {
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
