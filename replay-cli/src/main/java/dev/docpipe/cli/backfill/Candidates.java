package dev.docpipe.cli.backfill;

import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.fold.DocumentFold;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.readmodel.ReadModelRow;
import dev.docpipe.readmodel.ReadModelTable;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The documents registered in a time range, from the read model or by folding the event log. */
final class Candidates {
    /** Walk order: document id as text, which is also PostgreSQL's uuid order. */
    static final Comparator<Candidate> ORDER = Comparator.comparing(c -> c.document().documentId().toString());

    private Candidates() {}

    static List<Candidate> fromReadModel(Database db, Instant from, Instant until, int[] unreadable)
            throws SQLException {
        String schema = db.requireLiveSchema();
        List<Candidate> candidates = new ArrayList<>();
        ReadModelTable.forEachRegistered(db.dataSource(), schema, from, until, (ReadModelRow row) -> {
            if (row.aggregate() == null) {
                unreadable[0]++;
            } else {
                candidates.add(new Candidate(row.aggregate(), row.createdAt()));
            }
        });
        candidates.sort(ORDER);
        return candidates;
    }

    static List<Candidate> fromEventLog(KafkaAccess kafka, Instant from, Instant until, Progress progress) {
        DocumentFold fold = new DocumentFold();
        List<PartitionRange> log = EventLog.wholeLog(kafka);
        progress.total(TopicScan.size(log));
        EventLog.read(kafka, log, fold::accept, progress);
        List<Candidate> candidates = new ArrayList<>();
        for (FoldedDocument d : fold.documents().values()) {
            Instant registered = d.createdAt();
            if (!registered.isBefore(from) && registered.isBefore(until)) {
                candidates.add(new Candidate(d.document(), registered));
            }
        }
        candidates.sort(ORDER);
        return candidates;
    }
}
