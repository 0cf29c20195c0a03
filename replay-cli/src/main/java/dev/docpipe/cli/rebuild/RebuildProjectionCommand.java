package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.cli.OperatorCommand;
import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.db.Sql;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.CpuTime;
import dev.docpipe.cli.support.DocumentIdConverter;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ProjectionResult;
import dev.docpipe.readmodel.ReadModelTable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "rebuild-projection",
        header = "Rebuild the read model from docpipe.events into fresh tables, compare, swap atomically.",
        sortOptions = false,
        description = {
            "Rebuilds the PostgreSQL read model from docpipe.events into a fresh table (the read model's own "
            + "migrations, in --staging-schema) with the read model's projector, then, in one transaction: locks "
            + "the live table against writes (reads go on), projects the events that arrived meanwhile, compares "
            + "both tables row by row and swaps them (the live table moves to --previous-schema, the new one takes "
            + "its place). The API keeps serving throughout; its statements wait for the swap at most a moment. "
            + "Reports events read, documents written, and whether the rebuilt table equals the live one.",
            "With --document, rebuilds that one document's row in place instead: its events are read from its "
            + "partition of docpipe.events and folded again (the repair for a row a skipped event left behind)."})
public final class RebuildProjectionCommand extends OperatorCommand {
    /** Two rebuilds at once would share the staging schema: the second one refuses. */
    private static final String LOCK = "SELECT pg_try_advisory_lock(hashtext('docpipe.rebuild-projection'))";

    @Option(names = "--document", paramLabel = "<documentId>", converter = DocumentIdConverter.class,
            description = "Only this document: refold its row in place from its events (no staging table, no swap).")
    UUID document;

    @Option(names = "--staging-schema", paramLabel = "<schema>", defaultValue = "docpipe_rebuild",
            description = "Schema the new table is built in (dropped and recreated; default: ${DEFAULT-VALUE}).")
    String stagingSchema;

    @Option(names = "--previous-schema", paramLabel = "<schema>", defaultValue = "docpipe_previous",
            description = "Schema the replaced table is kept in until the next rebuild (default: ${DEFAULT-VALUE}).")
    String previousSchema;

    @Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "10000",
            description = "Events per projector transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--writers", paramLabel = "<n>", defaultValue = "2",
            description = "Parallel projector connections (documents are split between them; default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--no-swap", description = "Build and compare only; leave the live table in place.")
    boolean noSwap;

    @Option(names = "--require-equal",
            description = "Swap only if the rebuilt table equals the live one (else exit 1).")
    boolean requireEqual;

    @Option(names = "--lock-timeout", paramLabel = "<duration>", defaultValue = "15s",
            converter = DurationConverter.class,
            description = "Longest wait for the live table's locks before giving up (default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--max-differences", paramLabel = "<n>", defaultValue = "20",
            description = "Differing documents to list (default: ${DEFAULT-VALUE}).")
    int maxDifferences;

    @Override
    protected int execute() throws Exception {
        if (batchSize < 1 || batchSize > 20_000) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be between 1 and 20000");
        }
        if (writers < 1 || writers > 16) {
            throw new ParameterException(spec.commandLine(), "--writers must be between 1 and 16");
        }
        Sql.identifier(stagingSchema);
        Sql.identifier(previousSchema);
        if (stagingSchema.equals(previousSchema)) {
            throw new ParameterException(spec.commandLine(), "--staging-schema and --previous-schema must differ");
        }
        long started = System.nanoTime();
        Database db = requireDatabase("rebuild-projection writes the read model");
        String liveSchema = db.requireLiveSchema();
        if (document != null) {
            if (noSwap || requireEqual) {
                throw new ParameterException(spec.commandLine(),
                        "--document refolds one row in place: --no-swap and --require-equal do not apply");
            }
            DocumentRefold.Report report;
            try (Progress progress = progress("rebuild: reading " + Topics.EVENTS, "records", 0)) {
                report = DocumentRefold.run(db, kafka(), liveSchema, document, progress);
            }
            if (json()) {
                printJson(report);
            } else {
                DocumentRefold.print(out(), report);
            }
            return ExitCodes.OK;
        }
        if (liveSchema.equals(stagingSchema) || liveSchema.equals(previousSchema)) {
            throw CliException.usage("the live table is in schema '" + liveSchema
                    + "'; choose other --staging-schema/--previous-schema");
        }
        KafkaAccess kafka = kafka();
        try (Connection lock = db.connection()) {
            if (!tryLock(lock)) {
                throw CliException.failure("another rebuild-projection is running against " + db.url());
            }
            return rebuild(db, kafka, liveSchema, started);
        }
    }

    private int rebuild(Database db, KafkaAccess kafka, String liveSchema, long started) throws Exception {
        RebuildProjectors rebuildProjectors = RebuildProjectors.of(db.dataSource());
        StagingTable.create(db, stagingSchema);
        List<DocumentProjector> projectors = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            projectors.add(rebuildProjectors.over(db.pinnedTo(stagingSchema)));
        }
        Projection projection = new Projection(projectors, batchSize);
        List<PartitionRange> log = EventLog.wholeLog(kafka);
        long projectionStart = System.nanoTime();
        long projectionCpuStart = CpuTime.processNanos();
        try (Progress progress = progress("rebuild: projecting " + Topics.EVENTS, "events", TopicScan.size(log))) {
            projection.project(kafka, log, progress);
        }
        long projectionNanos = System.nanoTime() - projectionStart;
        long projectionCpuNanos = CpuTime.processNanos() - projectionCpuStart;
        long firstPass = projection.eventsRead();
        Map<TopicPartition, Long> done = new HashMap<>();
        log.forEach(r -> done.put(r.partition(), r.until()));
        if (!noSwap) {
            StagingTable.recreateEmptySchema(db, previousSchema);
        }

        TableComparison.Result comparison;
        boolean swapped = false;
        List<String> grants = List.of();
        String note = null;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                // Blocks the live projector's writes, not the API's reads: the comparison sees a table that
                // cannot move, and no event can slip in between catching up and swapping.
                s.execute("LOCK TABLE " + Sql.table(liveSchema, ReadModelTable.TABLE) + " IN EXCLUSIVE MODE");
            }
            List<PartitionRange> rest = TopicScan.ranges(done, kafka.endOffsets(done.keySet()));
            projection.project(kafka, rest, Progress.none());
            comparison = TableComparison.compare(c, liveSchema, stagingSchema, maxDifferences);
            if (noSwap) {
                note = "--no-swap: the rebuilt table stays in " + stagingSchema;
                c.rollback();
            } else if (requireEqual && !comparison.equal()) {
                note = "--require-equal: not swapped, the tables differ; the rebuilt table stays in " + stagingSchema;
                c.rollback();
            } else {
                // Swapped together: the parked events belong to the rows they wait for. A table the live schema
                // lacks (migrated by an older release) is left to that release's own migrations.
                List<String> tables = StagingTable.tablesIn(c, liveSchema);
                grants = StagingTable.copyGrants(c, liveSchema, stagingSchema, tables);
                try (Statement s = c.createStatement()) {
                    for (String table : tables) {
                        s.execute("ALTER TABLE " + Sql.table(liveSchema, table) + " SET SCHEMA "
                                + Sql.identifier(previousSchema));
                        s.execute("ALTER TABLE " + Sql.table(stagingSchema, table) + " SET SCHEMA "
                                + Sql.identifier(liveSchema));
                    }
                }
                c.commit();
                swapped = true;
            }
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw CliException.failure("could not lock the live table within " + lockTimeout.toSeconds()
                        + "s (long-running transactions on it?); nothing was swapped");
            }
            throw e;
        }
        db.releasePinned(); // the projectors' connections
        long documents = StagingTable.rows(db, swapped ? liveSchema : stagingSchema);
        if (swapped) {
            StagingTable.dropSchema(db, stagingSchema); // only Flyway's history of the staging copy is left
        }
        ProjectionResult r = projection.result();
        RebuildReport report = new RebuildReport(liveSchema + "." + ReadModelTable.TABLE,
                (swapped ? liveSchema : stagingSchema) + "." + ReadModelTable.TABLE, projection.eventsRead(),
                projection.eventsRead() - firstPass, projection.unreadable(), r.applied(), r.duplicates(), r.gaps(),
                r.unparked(), r.invalid(), r.documentsWritten(), documents, comparison, swapped,
                swapped ? previousSchema + "." + ReadModelTable.TABLE : null, grants, note,
                (System.nanoTime() - started) / 1_000_000, projectionNanos / 1_000_000, projectionCpuNanos / 1_000_000,
                projectionNanos == 0 ? 0 : (long) (firstPass / (projectionNanos / 1e9)));
        if (json()) {
            printJson(report);
        } else {
            print(out(), report);
        }
        return requireEqual && !comparison.equal() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LOCK)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void print(PrintWriter out, RebuildReport r) {
        out.printf(Locale.ROOT, "rebuilt the read model from docpipe.events in %,d ms%n", r.elapsedMs());
        out.printf(Locale.ROOT, "  events read       %,d (%,d while locked for the swap), %,d unreadable;"
                + " projected at %,d events/s%n", r.eventsRead(), r.catchUpEvents(), r.unreadableEvents(),
                r.eventsPerSecond());
        out.printf(Locale.ROOT, "  projector         %,d applied, %,d duplicates, %,d gaps (parked; %,d of them folded"
                + " later), %,d refused; %,d row writes%n", r.applied(), r.duplicates(), r.gaps(), r.unparked(),
                r.invalid(), r.rowWrites());
        out.printf(Locale.ROOT, "  documents written %,d (%s)%n", r.documents(), r.rebuiltTable());
        TableComparison.Result c = r.comparison();
        if (c.equal()) {
            out.printf(Locale.ROOT, "  before the swap   EQUAL: the rebuilt table equals %s (%,d rows)%n",
                    r.liveTable(), c.liveRows());
        } else {
            out.printf(Locale.ROOT, "  before the swap   DIFFERENT from %s: %,d live rows, %,d rebuilt; %,d missing in"
                    + " live, %,d only in live, %,d live behind (projector lag), %,d live ahead, %,d different%n",
                    r.liveTable(), c.liveRows(), c.rebuiltRows(), c.missingInLive(), c.extraInLive(), c.liveBehind(),
                    c.liveAhead(), c.different());
            c.samples().forEach(d -> out.printf(Locale.ROOT, "    %s  %s (live %s, rebuilt %s)%n", d.documentId(),
                    d.kind(), d.liveVersion() == null ? "-" : "v" + d.liveVersion(),
                    d.rebuiltVersion() == null ? "-" : "v" + d.rebuiltVersion()));
        }
        if (r.swapped()) {
            out.printf(Locale.ROOT, "  swapped           the rebuilt table is live; the previous one is kept as %s%n",
                    r.previousTable());
        } else {
            out.printf(Locale.ROOT, "  not swapped       %s%n", r.note());
        }
    }
}
