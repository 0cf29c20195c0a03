package dev.docpipe.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    /** SecuredKafkaIntegrationTest once got the same port for a broker's two listeners from two calls in a row. */
    @Test
    void portsAskedForOneAfterAnotherAreNeverTheSame() {
        List<Integer> ports = IntStream.range(0, 500).mapToObj(i -> LoopbackPorts.anyFree()).toList();

        assertThat(ports).doesNotHaveDuplicates().allMatch(LoopbackPorts::isFree);
    }
}
