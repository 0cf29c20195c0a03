package dev.docpipe.bench.torture;

import org.junit.jupiter.api.Test;

/**
 * Torture (iv), short: the broker (its own JVM) is kill -9ed once and shut down cleanly once mid-run and
 * restarted on the same port and data, while the Streams JVM and the feeder keep going (5 restarts with
 * 10,000 documents in the long version: {@code bench torture broker}).
 */
class TortureBrokerRestartTest extends TortureTestBase {
    @Test
    void restartingTheBrokerMidRunLosesAndDuplicatesNothing() throws Exception {
        Scenarios.Result result = Scenarios.run(bootstrap(), TortureOptions.shortRun("broker"));
        assertExactlyOnce(result);
    }
}
