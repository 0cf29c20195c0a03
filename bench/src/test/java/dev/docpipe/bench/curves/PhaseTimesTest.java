package dev.docpipe.bench.curves;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The run's own phase clock: each phase's time goes to its size, and the table sums each size. */
class PhaseTimesTest {

    @Test
    void eachPhaseEndsWhereTheNextStartsAndTheTableSumsBySize() {
        AtomicLong clock = new AtomicLong();
        PhaseTimes phases = new PhaseTimes(clock::get);
        phases.start();
        clock.addAndGet(20_000_000);
        phases.end("load", 1_000);
        clock.addAndGet(20_000_000);
        phases.end("audit", 1_000);
        phases.end("load", 3_000);

        assertThat(phases.get("load", 1_000)).isGreaterThanOrEqualTo(0.02);
        assertThat(phases.get("audit", 1_000)).isGreaterThanOrEqualTo(0.02);
        assertThat(phases.get("audit", 3_000)).isZero();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        phases.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("| phase | 1,000 | 3,000 |", "| load |", "| audit |", "| total |");
    }
}
