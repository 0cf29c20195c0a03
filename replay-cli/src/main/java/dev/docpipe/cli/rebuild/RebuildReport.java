package dev.docpipe.cli.rebuild;

import java.util.List;

/**
 * What {@code docpipe rebuild-projection} did.
 *
 * @param eventsRead events read from docpipe.events (first pass and catch-up)
 * @param catchUpEvents of those, events read while the live table was locked for the swap
 * @param gaps events that arrived after a missing version: parked by the projector
 * @param unparked parked events folded once the version they waited for arrived later in the log
 * @param rowWrites row inserts/updates the projector made (a document is written once per batch it appears in)
 * @param documents rows in the rebuilt table
 * @param comparison the rebuilt table against the live one, before the swap
 * @param swapped whether the rebuilt table is now the live one
 * @param previousTable where the replaced table was kept (null if not swapped)
 */
public record RebuildReport(
        String liveTable,
        String rebuiltTable,
        long eventsRead,
        long catchUpEvents,
        long unreadableEvents,
        long applied,
        long duplicates,
        long gaps,
        long unparked,
        long invalid,
        long rowWrites,
        long documents,
        TableComparison.Result comparison,
        boolean swapped,
        String previousTable,
        List<String> grantsCopied,
        String note,
        long elapsedMs,
        long projectionMs,
        long projectionCpuMs,
        long eventsPerSecond) {}
