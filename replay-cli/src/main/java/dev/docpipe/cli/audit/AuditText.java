package dev.docpipe.cli.audit;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable audit report. */
final class AuditText {
    private AuditText() {}

    static void print(PrintWriter out, AuditReport r, Duration margin) {
        AuditReport.Timing t = r.timing();
        out.printf(Locale.ROOT, "audit of docpipe.events on %s at %s%n", r.bootstrapServers(), r.auditedAt());
        out.printf(Locale.ROOT, "  events      %,d read in %,d ms (%,d events/s), %,d unreadable%n", r.events(),
                t.eventLogMs(), t.eventsPerSecond(), r.unreadableEvents());
        out.printf(Locale.ROOT, "  documents   %,d  %s%n", r.documents(), histogram(r.documentsByState()));
        AuditReport.Jobs j = r.jobs();
        out.printf(Locale.ROOT, "  jobs        named by events: scan %,d, ocr %,d (re-issues %,d)", j.scanRequested(),
                j.ocrRequested(), j.reissued());
        if (j.scanRecords() != null) {
            out.printf(Locale.ROOT, "; on job topics: scan %,d, ocr %,d", j.scanRecords(), j.ocrRecords());
        }
        out.println();
        AuditReport.Results res = r.results();
        out.printf(Locale.ROOT, "  results     accepted %,d, stale (ignored) %,d, lease expiries %,d, discarded (erased)"
                + " %,d%n", res.accepted(), res.stale(), res.leaseExpiries(), res.erasedDiscarded());
        AuditReport.PersonalFields pf = r.personalFields();
        out.printf(Locale.ROOT, "  personal    sealed fields %,d, legacy plaintext personal fields %,d%s%n", pf.sealed(),
                pf.legacyPlaintext(), pf.legacyPlaintext() > 0
                        ? " (erasure cannot reach them: a copy-and-transform of the topics is due)" : "");
        if (r.readModel() != null) {
            ReadModelCheck.Result m = r.readModel();
            out.printf(Locale.ROOT, "  read model  %s: %,d rows, %,d equal to the fold, %,d newer than the audited log,"
                    + " %,d behind, %,d missing, %,d extra, %,d different%n", m.table(), m.rows(), m.equal(),
                    m.aheadOfLog(), m.behind(), m.missing(), m.extra(), m.mismatched());
        } else {
            out.println("  read model  not checked (no --db-url, or --skip-read-model)");
        }
        out.println("invariants:");
        for (AuditReport.InvariantStatus s : r.invariants()) {
            String detail = s.invariant() == Invariant.NOTHING_STUCK
                    ? s.description().replace("the margin", "the margin (" + margin.toSeconds() + "s)")
                    : s.description();
            out.printf(Locale.ROOT, "  %-11s %s%s%n", s.status().toUpperCase(Locale.ROOT), detail,
                    s.violations() > 0 ? " (" + s.violations() + ")" : "");
        }
        if (r.violationCount() > 0) {
            out.printf(Locale.ROOT, "violations (%,d%s):%n", r.violationCount(),
                    r.violations().size() < r.violationCount() ? ", first " + r.violations().size() + " listed" : "");
            r.violations().forEach(v -> out.println("  " + v));
            out.printf(Locale.ROOT, "FAILED: %,d violation(s) in %,d ms%n", r.violationCount(), t.elapsedMs());
        } else {
            out.printf(Locale.ROOT, "PASSED: no violations in %,d ms%n", t.elapsedMs());
        }
    }

    static String histogram(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
