package dev.docpipe.cli.dlq;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.history.dlq.DeadLetterReplay;
import dev.docpipe.history.dlq.DeadLetterReplay.Replayed;
import dev.docpipe.history.dlq.RecordAddress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", sortOptions = false,
        header = "Re-inject dead-lettered records into their source topic.",
        description = {
            "Re-injects dead-lettered records, after the cause was fixed, into the topic they came from "
            + "(dlq.source.topic): same key and value; the dlq.* headers removed, docpipe.replayed-from added. All "
            + "addresses are checked before anything is sent. A record this version's codec still refuses is "
            + "reported (it will probably be dead-lettered again) but sent anyway unless --skip-unreadable. The operator"
            + " console's replay goes through the same code (document-history's DeadLetterReplay)."})
public final class DlqReplayCommand extends OperatorCommand {
    @Parameters(arity = "1..*", paramLabel = "<partition:offset>", converter = RecordAddressConverter.class,
            description = "Addresses on docpipe.dlq (from 'docpipe dlq list').")
    List<RecordAddress> addresses;

    @Option(names = "--to-topic", paramLabel = "<topic>",
            description = "Send to this topic instead of the record's source topic.")
    String toTopic;

    @Option(names = "--skip-unreadable", description = "Do not send records this version's codec still refuses.")
    boolean skipUnreadable;

    @Option(names = "--dry-run", description = "Check and report; send nothing.")
    boolean dryRun;

    @Override
    protected int execute() {
        List<Replayed> results = new DeadLetterReplay(kafka(), kafka().timeout())
                .replay(new DeadLetterReplay.Request(addresses, toTopic, skipUnreadable, dryRun));
        long sent = results.stream().filter(r -> r.status().equals("sent")).count();
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
}
