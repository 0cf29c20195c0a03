package dev.docpipe.api.commands;

import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the {@link OutcomeWaiter} with the application: started before the web server takes requests. */
@Component
public class OutcomeWaiterLifecycle implements SmartLifecycle {
    private final OutcomeWaiter waiter;
    private volatile boolean running;

    public OutcomeWaiterLifecycle(KafkaProperties kafka) {
        this.waiter = OutcomeWaiter.forOutcomesTopic(kafka.buildConsumerProperties());
    }

    public OutcomeWaiter waiter() {
        return waiter;
    }

    @Override
    public void start() {
        waiter.start(Duration.ofSeconds(15));
        running = true;
    }

    @Override
    public void stop() {
        waiter.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts in a later phase) accepts requests. */
    @Override
    public int getPhase() {
        return 0;
    }
}
