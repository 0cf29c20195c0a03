package dev.docpipe.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class BackgroundProbeTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @Test
    void answersTheLatestResultOfItsCheck() {
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> Health.up().withDetail("n", 1).build(),
                INTERVAL, TIMEOUT)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.health().getStatus().equals(Status.UP));
            assertThat(probe.health().getDetails()).containsEntry("n", 1);
        }
    }

    @Test
    void isDownBeforeItsFirstCheckHasAnswered() {
        CountDownLatch never = new CountDownLatch(1);
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> {
            never.await();
            return Health.up().build();
        }, INTERVAL, TIMEOUT)) {
            assertThat(probe.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void aCheckThatFailsIsDownWithItsError() {
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> {
            throw new IllegalStateException("connection refused");
        }, INTERVAL, TIMEOUT)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.health().getDetails().containsKey("error"));
            assertThat(probe.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(probe.health().getDetails().get("error").toString()).contains("connection refused");
        }
    }

    @Test
    void aHungCheckIsDownIsNotStartedAgainAndRecoversWhenItAnswers() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch hung = new CountDownLatch(1);
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> {
            if (started.incrementAndGet() == 2) {
                hung.await();
            }
            return Health.up().build();
        }, INTERVAL, TIMEOUT)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() >= 2
                    && probe.health().getDetails().containsKey("probe"));
            assertThat(probe.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(probe.health().getDetails().get("probe").toString()).startsWith("no answer after");
            // health() never waits for the hung check
            Health answered = probe.health();
            assertThat(answered).isNotNull();
            // not started again while the check hangs, for three timeouts
            await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(4)).until(() -> started.get() == 2);

            hung.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.health().getStatus().equals(Status.UP));
        }
    }
}
