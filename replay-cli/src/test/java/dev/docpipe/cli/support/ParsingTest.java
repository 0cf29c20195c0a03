package dev.docpipe.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.cli.history.HistoryPointConverter;
import dev.docpipe.history.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ParsingTest {
    @Test
    void durations() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void rangeBounds() {
        assertThat(RangeBound.parse("42")).isEqualTo(new RangeBound.Offset(42));
        assertThat(RangeBound.parse("earliest")).isInstanceOf(RangeBound.Earliest.class);
        assertThat(RangeBound.parse("latest")).isInstanceOf(RangeBound.Latest.class);
        RangeBound.Timestamp day = (RangeBound.Timestamp) RangeBound.parse("2026-01-05");
        assertThat(day.at()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(day.endExclusiveMillis()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z").toEpochMilli());
        RangeBound.Timestamp t = (RangeBound.Timestamp) RangeBound.parse("2026-01-05T10:00:00.250Z");
        assertThat(t.endExclusiveMillis()).isEqualTo(Instant.parse("2026-01-05T10:00:00.251Z").toEpochMilli());
        assertThat(RangeBound.parse("2026-01-05T10:00")).isEqualTo(
                new RangeBound.Timestamp(Instant.parse("2026-01-05T10:00:00Z"), false));
    }

    @Test
    void historyPoints() {
        HistoryPointConverter c = new HistoryPointConverter();
        assertThat(c.convert("v7")).isEqualTo(new HistoryPoint.AtVersion(7));
        assertThat(c.convert("1234")).isEqualTo(new HistoryPoint.AtOffset(1234));
        assertThat(c.convert("2026-01-05T10:00:00Z"))
                .isEqualTo(new HistoryPoint.AtTime(Instant.parse("2026-01-05T10:00:00Z")));
    }
}
