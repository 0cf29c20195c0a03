package dev.docpipe.api.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParkedRequestsTest {
    private final ParkedRequests parked = new ParkedRequests();
    private final AtomicInteger answered = new AtomicInteger();

    @Test
    void aStopAnswersWhatIsParkedAndWhatArrivesWhileStopping() {
        parked.start();
        parked.park(answered::incrementAndGet);

        parked.stop();
        parked.park(answered::incrementAndGet);

        assertThat(answered).hasValue(2);
    }

    @Test
    void afterARestartRequestsParkAgain() {
        parked.start();
        parked.stop();

        parked.start();
        ChangeSubscribers.Subscription parking = parked.park(answered::incrementAndGet);

        assertThat(answered).hasValue(0);
        assertThat(parked.count()).isEqualTo(1);
        parking.close();
        assertThat(parked.count()).isZero();
    }
}
