package dev.docpipe.bench.torture;

import org.junit.jupiter.api.Test;

/**
 * Torture (i), short: 10x duplicated commands while the Streams JVM is kill -9ed 3 times (5 times, with
 * 10,000 documents, in the long version: {@code bench torture kill9}).
 */
class TortureKill9Test extends TortureTestBase {
    @Test
    void killingTheStreamsJvmRepeatedlyLosesAndDuplicatesNothing() throws Exception {
        Scenarios.Result result = Scenarios.run(bootstrap(), TortureOptions.shortRun("kill9"));
        assertExactlyOnce(result);
    }
}
