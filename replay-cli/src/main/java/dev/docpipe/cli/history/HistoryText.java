package dev.docpipe.cli.history;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.JobLease;
import dev.docpipe.model.document.ReviewFields;
import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable history. */
final class HistoryText {
    private HistoryText() {}

    static void print(PrintWriter out, HistoryReport r) {
        HistoryReport.Partitions p = r.partitions();
        out.printf(Locale.ROOT, "document %s%s%n", r.documentId(), r.at() == null ? "" : " as of " + r.at());
        out.printf(Locale.ROOT, "  %d events (docpipe.events partition %d), %d outcomes (docpipe.command-outcomes "
                        + "partition %d)%s%n", r.counts().events(), p.events(), r.counts().outcomes(),
                p.commandOutcomes(), p.commands() == null ? "" : ", " + r.counts().commands()
                        + " commands (docpipe.commands partition " + p.commands() + ")");
        out.println();
        out.printf(Locale.ROOT, "%-30s %-22s %-4s %s%n", "TIME", "WHERE", "VER", "WHAT");
        for (TimelineEntry e : r.timeline()) {
            String version = e.kind().equals("event") ? "v" + e.version() : "";
            String what = e.kind().equals("event") ? e.type() + ": " + e.summary() : e.summary();
            out.printf(Locale.ROOT, "%-30s %-22s %-4s %s%n", e.time(), e.where(), version, what);
        }
        out.println();
        if (r.jobs().isEmpty()) {
            out.println("jobs: none");
        } else {
            out.println("jobs:");
            for (JobSummary j : r.jobs()) {
                out.printf(Locale.ROOT, "  %-4s %s attempt %d%s%s (v%d): %s%n", j.kind(), j.jobId(), j.attempt(),
                        j.issue() > 1 ? " issue " + j.issue() : "",
                        j.engineVersion() == null ? "" : " engine " + j.engineVersion(), j.requestedAtVersion(),
                        j.fate());
                j.staleResults().forEach(s -> out.println("         late result: " + s));
            }
        }
        out.println();
        Document d = r.state();
        if (d == null) {
            out.println("state: the document did not exist yet");
            return;
        }
        out.printf(Locale.ROOT, "state at v%d (docpipe.events %d:%d): %s%n", d.version(), p.events(), r.stateOffset(),
                d.state());
        if (d.state() == DocumentState.ERASED) {
            out.println("  erased: file name, review and texts destroyed; ids, states and times remain");
        }
        out.printf(Locale.ROOT, "  child %s, owner %s, review version %d%n", d.childId(), d.owner(),
                d.review().version());
        out.printf(Locale.ROOT, "  scan: attempt %d%s%n", d.scan().attempt(), d.scan().report() == null ? ""
                : ", " + d.scan().report().detectedType() + (d.scan().report().language() == null ? ""
                        : ", language " + d.scan().report().language()));
        out.printf(Locale.ROOT, "  ocr: attempt %d%s%s%n", d.ocr().attempt(),
                d.ocr().engineVersion() == null ? ", no text yet" : ", " + d.ocr().engine() + " " + d.ocr().engineVersion()
                        + ", " + d.ocr().textLength() + " characters",
                d.ocr().requestedEngineVersion() == null ? "" : ", engine requested " + d.ocr().requestedEngineVersion());
        ReviewFields f = d.review().fields();
        if (d.review().version() > 0) {
            // the personal fields are redacted (Redaction): shown only as set or not
            out.printf(Locale.ROOT, "  review: title=%s subject=%s language=%s tags=%s%n", f.title(), f.subject(),
                    f.language(), f.tags() == null ? null : f.tags().size() + " tag(s)");
        }
        JobLease job = d.currentJob();
        out.printf(Locale.ROOT, "  current job: %s%n", job == null ? "none"
                : job.kind() + " " + job.jobId() + " attempt " + job.attempt() + " issue " + job.issue() + ", deadline "
                        + job.deadline());
        if (d.lastFailure() != null) {
            out.printf(Locale.ROOT, "  last failure: %s%n", d.lastFailure());
        }
    }
}
