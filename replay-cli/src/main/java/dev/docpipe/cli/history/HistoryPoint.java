package dev.docpipe.cli.history;

import dev.docpipe.cli.support.RangeBound;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Where {@code history --at} cuts the timeline: an offset on docpipe.events, a time, or a document version. */
public sealed interface HistoryPoint {
    /** Events up to and including this offset of the document's docpipe.events partition. */
    record AtOffset(long offset) implements HistoryPoint {}

    /** Everything that happened at or before this time. */
    record AtTime(Instant time) implements HistoryPoint {}

    /** Events up to and including this document version ({@code v7}). */
    record AtVersion(long version) implements HistoryPoint {}

    final class Converter implements ITypeConverter<HistoryPoint> {
        @Override
        public HistoryPoint convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            if (text.matches("v\\d{1,18}")) {
                return new AtVersion(Long.parseLong(text.substring(1)));
            }
            if (text.matches("\\d{1,18}")) {
                return new AtOffset(Long.parseLong(text));
            }
            try {
                Instant at = RangeBound.Times.parseInstant(value);
                // A bare day means "as of the end of that day".
                return new AtTime(RangeBound.Times.isDateOnly(value) ? at.plusSeconds(86_399).plusNanos(999_999_999)
                        : at);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is neither an offset of docpipe.events (e.g. 1234),"
                        + " a version (e.g. v7) nor a time (e.g. 2026-01-05T10:00:00Z)");
            }
        }
    }
}
