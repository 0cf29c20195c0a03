package dev.docpipe.model.document;

/** @param attempt the current scan attempt (1 for the first scan); @param report null until scanned */
public record ScanStatus(int attempt, ScanReport report) {
    ScanStatus withAttempt(int newAttempt) {
        return new ScanStatus(newAttempt, report);
    }
}
