package dev.docpipe.cli.history;

import dev.docpipe.cli.support.RangeBound;
import dev.docpipe.history.HistoryPoint;
import dev.docpipe.history.HistoryPoint.AtOffset;
import dev.docpipe.history.HistoryPoint.AtTime;
import dev.docpipe.history.HistoryPoint.AtVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code history --at}: an offset of docpipe.events ({@code 1234}), a version ({@code v7}) or a time. */
public final class HistoryPointConverter implements ITypeConverter<HistoryPoint> {
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
