package dev.docpipe.bench.torture;

import org.junit.jupiter.api.Test;

/** Torture (iii), short: two instances with num.standby.replicas=1 share the work; one is kill -9ed. */
class TortureRebalanceTest extends TortureTestBase {
    @Test
    void killingOneOfTwoInstancesLosesAndDuplicatesNothing() throws Exception {
        Scenarios.Result result = Scenarios.run(bootstrap(), TortureOptions.shortRun("rebalance"));
        assertExactlyOnce(result);
    }
}
