package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.readmodel.DocumentProjector;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code rebuild-projection --document ID}: one document's row rebuilt from its events in docpipe.events (its
 * partition only) with the read model's own {@link DocumentProjector#refold}, in place: the repair for a row
 * that a skipped or unreadable event left behind, once the log has (or the codec reads) the event again.
 */
final class DocumentRefold {
    /**
     * What was done.
     *
     * @param eventsRead readable events of the document in its partition
     * @param unreadableEvents records keyed by the document that the model's codec refuses (their versions stay a
     *     gap: the row holds before the first one)
     * @param rowAhead the live projector applied events newer than the log that was read: the row was left alone
     */
    record Report(UUID documentId, String table, int partition, long eventsRead, long unreadableEvents,
            long versionBefore, long versionAfter, boolean rowAhead) {}

    private DocumentRefold() {}

    static Report run(Database db, KafkaAccess kafka, String liveSchema, UUID documentId, Progress progress)
            throws SQLException {
        RebuildProjectors projectors = RebuildProjectors.of(db.dataSource());
        EventLog.DocumentEvents log = EventLog.ofDocument(kafka, documentId, progress);
        DocumentProjector projector = projectors.over(db.pinnedTo(liveSchema));
        DocumentProjector.Refold refold = projector.refold(documentId, log.events());
        if (log.events().isEmpty() && log.unreadable() == 0 && refold.versionBefore() == 0) {
            throw CliException.usage("document " + documentId + " not found (looked in partition " + log.partition()
                    + " of docpipe.events, and the read model has no row)");
        }
        return new Report(documentId, liveSchema + ".documents", log.partition(), log.events().size(),
                log.unreadable(), refold.versionBefore(), refold.versionAfter(), refold.rowAhead());
    }

    static void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "refolded document %s from docpipe.events partition %d: %,d events read%s%n",
                r.documentId(), r.partition(), r.eventsRead(),
                r.unreadableEvents() > 0 ? ", " + r.unreadableEvents() + " unreadable (see 'docpipe dlq')" : "");
        if (r.rowAhead()) {
            out.printf(Locale.ROOT, "  row left at v%d: the live projector is ahead of the log that was read"
                    + " (run again)%n", r.versionBefore());
        } else if (r.versionAfter() == 0) {
            out.printf(Locale.ROOT, "  row removed: the log has no readable registration of it%n");
        } else {
            out.printf(Locale.ROOT, "  row %s: %s -> v%d (the fold of the log)%n", r.table(),
                    r.versionBefore() == 0 ? "none" : "v" + r.versionBefore(), r.versionAfter());
        }
    }
}
