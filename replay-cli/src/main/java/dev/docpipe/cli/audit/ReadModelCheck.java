package dev.docpipe.cli.audit;

import dev.docpipe.cli.db.Database;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.history.Redaction;
import dev.docpipe.model.document.Document;
import dev.docpipe.readmodel.ReadModelRow;
import dev.docpipe.readmodel.ReadModelTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Compares the read model with the fold of the event log, row by row: the aggregate, every column derived
 * from it, and the event bookkeeping (last event id, first/last event time). On a live system the projector
 * may trail the log by a moment: rows behind the fold (or not there yet) are looked at again until
 * {@code settle} has passed; rows ahead of the fold saw events newer than the audited log and are counted,
 * not judged. The audit runs one check per slice of the log (a partition number): each compares the rows of
 * that slice's documents, so together they compare every row once; a read model that stays behind then waits
 * up to {@code settle} in each slice.
 */
public final class ReadModelCheck {
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final int BATCH = 1000;

    /** The outcome, for the report. */
    public record Result(String table, long rows, long equal, long aheadOfLog, long behind, long missing, long extra,
            long mismatched) {
        /** This slice's outcome added to the slices' before. */
        Result plus(Result other) {
            return other == null ? this : new Result(table, rows + other.rows, equal + other.equal,
                    aheadOfLog + other.aheadOfLog, behind + other.behind, missing + other.missing,
                    extra + other.extra, mismatched + other.mismatched);
        }
    }

    private enum Verdict { EQUAL, AHEAD, BEHIND, MISMATCH }

    private final Database db;
    private final String schema;
    private final Map<UUID, FoldedDocument> folds;
    private final Predicate<UUID> inSlice;
    private final Consumer<Violation> violations;
    private long rows;
    private long equal;
    private long ahead;
    private long mismatched;
    private long extra;

    /**
     * @param folds the documents of the audited slice of the log
     * @param inSlice which document ids belong to that slice (a row of such a document without a fold is extra)
     */
    ReadModelCheck(Database db, String schema, Map<UUID, FoldedDocument> folds, Predicate<UUID> inSlice,
            Consumer<Violation> violations) {
        this.db = db;
        this.schema = schema;
        this.folds = folds;
        this.inSlice = inSlice;
        this.violations = violations;
    }

    /** Hands over the rows of some documents (missing ones are absent), fetched in bounded batches. */
    private void forEachRow(Collection<UUID> ids, Consumer<ReadModelRow> handler) throws SQLException {
        List<UUID> batch = new ArrayList<>(BATCH);
        for (UUID id : ids) {
            batch.add(id);
            if (batch.size() == BATCH) {
                ReadModelTable.rows(db.dataSource(), schema, batch).forEach(handler);
                batch.clear();
            }
        }
        ReadModelTable.rows(db.dataSource(), schema, batch).forEach(handler);
    }

    /** Streams the table's document ids through a cursor (read-only transaction, fetch size). */
    private void forEachId(Consumer<UUID> handler) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT document_id FROM "
                    + ReadModelTable.qualified(schema, ReadModelTable.TABLE))) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        handler.accept(rs.getObject(1, UUID.class));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    Result run(Duration settle) throws SQLException, InterruptedException {
        // Ids first (an index scan, no aggregate decoded): the rows are then read by id, so each row is read
        // once in all however many slices the audit has.
        Set<UUID> seen = new HashSet<>(folds.size() * 2);
        List<UUID> extras = new ArrayList<>();
        forEachId(id -> {
            if (folds.containsKey(id)) {
                seen.add(id);
            } else if (inSlice.test(id)) {
                extras.add(id);
            }
        });
        Map<UUID, ReadModelRow> behind = new HashMap<>();
        Set<UUID> missing = new HashSet<>(folds.keySet());
        forEachRow(seen, row -> {
            rows++;
            missing.remove(row.documentId());
            if (judge(folds.get(row.documentId()), row) == Verdict.BEHIND) {
                behind.put(row.documentId(), row);
            }
        });
        forEachRow(extras, row -> {
            rows++;
            extra++;
            violations.accept(new Violation(ViolationType.READ_MODEL_EXTRA_ROW, row.documentId(), null, null, null,
                    "row at v" + row.version() + " for a document that has no events"));
        });
        long deadline = System.nanoTime() + settle.toNanos();
        while ((!behind.isEmpty() || !missing.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(RECHECK.toMillis());
            List<UUID> again = new ArrayList<>(behind.keySet());
            again.addAll(missing);
            forEachRow(again, row -> {
                boolean wasMissing = missing.remove(row.documentId());
                if (wasMissing) {
                    rows++;
                }
                behind.remove(row.documentId());
                if (judge(folds.get(row.documentId()), row) == Verdict.BEHIND) {
                    behind.put(row.documentId(), row);
                }
            });
        }
        behind.forEach((id, row) -> violations.accept(new Violation(ViolationType.READ_MODEL_BEHIND, id, null, null,
                null, "row is at v" + row.version() + ", the event log at v" + folds.get(id).version()
                        + " (still after " + settle.toSeconds() + "s)")));
        missing.forEach(id -> violations.accept(new Violation(ViolationType.READ_MODEL_MISSING_ROW, id, null, null,
                null, "no row, but the event log has the document at v" + folds.get(id).version())));
        return new Result(schema + "." + ReadModelTable.TABLE, rows, equal, ahead, behind.size(), missing.size(),
                extra, mismatched);
    }

    /** Judges one row; reports a mismatch; BEHIND rows are left to the caller. */
    private Verdict judge(FoldedDocument fold, ReadModelRow row) {
        if (row.version() < fold.version()) {
            return Verdict.BEHIND;
        }
        if (row.version() > fold.version()) {
            ahead++;
            return Verdict.AHEAD;
        }
        List<String> diffs = differences(fold, row);
        if (diffs.isEmpty()) {
            equal++;
            return Verdict.EQUAL;
        }
        mismatched++;
        violations.accept(new Violation(ViolationType.READ_MODEL_MISMATCH, row.documentId(), null, null, null,
                "row at v" + row.version() + " differs from the fold in " + String.join(", ", diffs)));
        return Verdict.MISMATCH;
    }

    static List<String> differences(FoldedDocument fold, ReadModelRow row) {
        Document d = fold.document();
        List<String> diffs = new ArrayList<>();
        if (row.aggregate() == null) {
            diffs.add("aggregate (unreadable: " + row.aggregateError() + ")");
        } else {
            // The log holds personal fields sealed, the read model holds them opened; the audit holds no key,
            // so it compares whether each personal field is there, not its value.
            Document expected = Redaction.of(d);
            Document actual = Redaction.of(row.aggregate());
            if (!actual.equals(expected)) {
                diffs.add("aggregate" + aggregateFields(expected, actual));
            }
        }
        compare(diffs, "child_id", d.childId(), row.childId());
        compare(diffs, "owner", d.owner(), row.owner());
        compare(diffs, "state", d.state().name(), row.state());
        compare(diffs, "review_version", d.review().version(), row.reviewVersion());
        compare(diffs, "scan_attempt", d.scan().attempt(), row.scanAttempt());
        compare(diffs, "ocr_attempt", d.ocr().attempt(), row.ocrAttempt());
        compare(diffs, "text_ref", d.ocr().textRef(), row.textRef());
        compare(diffs, "last_failure", d.lastFailure(), row.lastFailure());
        compare(diffs, "last_event_id", fold.lastEventId(), row.lastEventId());
        compare(diffs, "created_at", micros(fold.createdAt()), row.createdAt());
        compare(diffs, "updated_at", micros(fold.updatedAt()), row.updatedAt());
        return diffs;
    }

    private static String aggregateFields(Document expected, Document actual) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(expected.state(), actual.state())) {
            fields.add("state " + actual.state() + " != " + expected.state());
        }
        if (!Objects.equals(expected.scan(), actual.scan())) {
            fields.add("scan");
        }
        if (!Objects.equals(expected.ocr(), actual.ocr())) {
            fields.add("ocr");
        }
        if (!Objects.equals(expected.review(), actual.review())) {
            fields.add("review");
        }
        if (!Objects.equals(expected.currentJob(), actual.currentJob())) {
            fields.add("currentJob");
        }
        if (!Objects.equals(expected.lastFailure(), actual.lastFailure())) {
            fields.add("lastFailure");
        }
        if (!Objects.equals(expected.file(), actual.file()) || !Objects.equals(expected.childId(), actual.childId())
                || !Objects.equals(expected.owner(), actual.owner())) {
            fields.add("registration");
        }
        return fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")";
    }

    private static void compare(List<String> diffs, String column, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(column + " '" + actual + "' (expected '" + expected + "')");
        }
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
