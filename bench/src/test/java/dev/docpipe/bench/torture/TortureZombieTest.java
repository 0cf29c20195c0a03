package dev.docpipe.bench.torture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Torture (ii), short: SIGSTOP longer than the transaction timeout, a successor takes over, SIGCONT. */
class TortureZombieTest extends TortureTestBase {
    @Test
    void aPausedInstanceIsFencedWhenItWakesUp() throws Exception {
        Scenarios.Result result = Scenarios.run(bootstrap(), TortureOptions.shortRun("zombie"));
        assertExactlyOnce(result);
        assertThat(Scenarios.fencingEvidence(result)).as("the zombie noticed it was fenced / out of the group")
                .isPositive();
    }
}
