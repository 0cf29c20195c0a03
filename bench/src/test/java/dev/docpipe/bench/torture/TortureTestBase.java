package dev.docpipe.bench.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.localinfra.KafkaBroker;
import org.junit.jupiter.api.BeforeAll;

abstract class TortureTestBase {
    @BeforeAll
    static void quiet() {
        Quiet.logging();
    }

    static String bootstrap() {
        return KafkaBroker.shared().bootstrapServers();
    }

    /** The verdict: every lost and duplicated count is 0, and the run settled (all work done) in time. */
    static void assertExactlyOnce(Scenarios.Result result) {
        assertThat(result.verdict().lost()).as(result.describe()).allSatisfy((what, n) -> assertThat(n).as(what).isZero());
        assertThat(result.verdict().duplicated()).as(result.describe())
                .allSatisfy((what, n) -> assertThat(n).as(what).isZero());
        assertThat(result.completed()).as("settled before the completion timeout:\n" + result.describe()).isTrue();
    }
}
