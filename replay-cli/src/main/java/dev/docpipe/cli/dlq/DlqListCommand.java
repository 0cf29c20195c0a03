package dev.docpipe.cli.dlq;

import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.dlq.DeadLetter;
import dev.docpipe.model.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "list",
        header = "List dead-lettered records.", sortOptions = false,
        description = "Lists dead-lettered records: address (partition:offset), time, reason, source, key, detail.")
public final class DlqListCommand extends OperatorCommand {
    @Option(names = "--reason", paramLabel = "<reason>", description = "Only this reason (e.g. MALFORMED_JSON).")
    String reason;

    @Option(names = "--source-topic", paramLabel = "<topic>", description = "Only records from this topic.")
    String sourceTopic;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
            description = "Show the newest n matching records (default: ${DEFAULT-VALUE}).")
    int limit;

    /** The JSON form. */
    public record Listing(long total, long matching, Map<String, Long> byReason, List<DeadLetter> records) {}

    @Override
    protected int execute() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1");
        }
        Deque<DeadLetter> newest = new ArrayDeque<>();
        Map<String, Long> byReason = new TreeMap<>();
        long[] counts = new long[2];
        try (Progress progress = progress("dlq: reading " + Topics.DLQ, "records", 0)) {
            DeadLetters.readAll(kafka(), d -> {
                counts[0]++;
                byReason.merge(d.reason(), 1L, Long::sum);
                if ((reason == null || reason.equalsIgnoreCase(d.reason()))
                        && (sourceTopic == null || sourceTopic.equals(d.sourceTopic()))) {
                    counts[1]++;
                    newest.addLast(d);
                    if (newest.size() > limit) {
                        newest.removeFirst();
                    }
                }
            }, progress);
        }
        List<DeadLetter> shown = new ArrayList<>(newest);
        shown.sort((a, b) -> a.timestamp().compareTo(b.timestamp()) != 0 ? a.timestamp().compareTo(b.timestamp())
                : a.address().compareTo(b.address()));
        if (json()) {
            printJson(new Listing(counts[0], counts[1], byReason, shown));
            return ExitCodes.OK;
        }
        out().printf(Locale.ROOT, "%s: %,d record(s)%s%n", Topics.DLQ, counts[0],
                byReason.isEmpty() ? "" : " " + byReason);
        if (shown.isEmpty()) {
            return ExitCodes.OK;
        }
        out().printf(Locale.ROOT, "%-10s %-24s %-26s %-30s %-36s %s%n", "ADDRESS", "TIME", "REASON", "SOURCE", "KEY",
                "DETAIL");
        for (DeadLetter d : shown) {
            String detail = d.detail() == null ? "" : d.detail();
            out().printf(Locale.ROOT, "%-10s %-24s %-26s %-30s %-36s %s%n", d.address(), d.timestamp(), d.reason(),
                    d.source(), d.key() == null ? "-" : d.key(), detail.length() > 120 ? detail.substring(0, 120) + "…"
                            : detail);
        }
        if (counts[1] > shown.size()) {
            out().printf(Locale.ROOT, "(%,d older matching record(s) not shown; use --limit)%n", counts[1] - shown.size());
        }
        return ExitCodes.OK;
    }
}
