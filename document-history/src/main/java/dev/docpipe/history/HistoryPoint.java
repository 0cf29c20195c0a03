package dev.docpipe.history;

import java.time.Instant;

/** Where {@code history --at} cuts the timeline: an offset on docpipe.events, a time, or a document version. */
public sealed interface HistoryPoint {
    /** Events up to and including this offset of the document's docpipe.events partition. */
    record AtOffset(long offset) implements HistoryPoint {}

    /** Everything that happened at or before this time. */
    record AtTime(Instant time) implements HistoryPoint {}

    /** Events up to and including this document version ({@code v7}). */
    record AtVersion(long version) implements HistoryPoint {}
}
