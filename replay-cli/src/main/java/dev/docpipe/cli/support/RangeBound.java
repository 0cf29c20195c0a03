package dev.docpipe.cli.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One end of a range on a topic: an offset ({@code 1234}), a time ({@code 2026-01-05T10:00:00Z},
 * {@code 2026-01-05T10:00} (UTC), {@code 2026-01-05}), or {@code earliest} / {@code latest}.
 */
public sealed interface RangeBound {
    record Offset(long offset) implements RangeBound {
        @Override
        public String toString() {
            return Long.toString(offset);
        }
    }

    /** @param dateOnly written as a day: as an upper bound it means "to the end of that day" */
    record Timestamp(Instant at, boolean dateOnly) implements RangeBound {
        /** The exclusive instant this bound ends a range at. */
        public Instant endExclusive() {
            return dateOnly ? at.plusSeconds(86_400) : at.plusNanos(1);
        }

        /** The first epoch millisecond after the range (record timestamps are milliseconds). */
        public long endExclusiveMillis() {
            return dateOnly ? at.plusSeconds(86_400).toEpochMilli() : at.toEpochMilli() + 1;
        }

        @Override
        public String toString() {
            return at.toString();
        }
    }

    record Earliest() implements RangeBound {
        @Override
        public String toString() {
            return "earliest";
        }
    }

    record Latest() implements RangeBound {
        @Override
        public String toString() {
            return "latest";
        }
    }

    static RangeBound parse(String value) {
        String text = value.strip();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "earliest", "beginning", "start" -> {
                return new Earliest();
            }
            case "latest", "end" -> {
                return new Latest();
            }
            default -> { }
        }
        if (text.matches("\\d{1,18}")) {
            return new Offset(Long.parseLong(text));
        }
        try {
            return new Timestamp(Times.parseInstant(text), Times.isDateOnly(text));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is neither an offset (e.g. 1234), a time "
                    + "(e.g. 2026-01-05T10:00:00Z or 2026-01-05) nor earliest/latest");
        }
    }

    final class Converter implements ITypeConverter<RangeBound> {
        @Override
        public RangeBound convert(String value) {
            return parse(value);
        }
    }

    /** Time parsing shared by the options that take a point in time. */
    final class Times {
        private Times() {}

        public static boolean isDateOnly(String text) {
            return text.strip().matches("\\d{4}-\\d{2}-\\d{2}");
        }

        /** ISO instant, offset date-time, local date-time (UTC) or date (start of day, UTC). */
        public static Instant parseInstant(String text) {
            String t = text.strip();
            if (isDateOnly(t)) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e2) {
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                }
            }
        }
    }
}
