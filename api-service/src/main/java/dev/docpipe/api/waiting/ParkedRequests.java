package dev.docpipe.api.waiting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every request or stream parked on this instance, so that a shutdown answers them at once (a long-poll as if its
 * wait had ended, a stream ends and the client resumes elsewhere with Last-Event-ID) instead of the web server's
 * graceful shutdown waiting for them and then cutting them off. Stopped before the web server's graceful shutdown
 * begins (a higher phase stops first).
 */
@Component
public class ParkedRequests implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ParkedRequests.class);

    private final Set<Runnable> parked = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean stopping;

    /**
     * Parks {@code endNow}, which answers the request (or ends the stream) when the instance stops; once it is
     * stopping, runs it at once.
     */
    public ChangeSubscribers.Subscription park(Runnable endNow) {
        parked.add(endNow);
        if (stopping && parked.remove(endNow)) {
            endNow.run();
        }
        return () -> parked.remove(endNow);
    }

    public int count() {
        return parked.size();
    }

    /** Also after a stop: Spring's test context cache stops (pauses) a context it is not using and starts it again. */
    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        answerAllNow();
    }

    /** Answers every parked request now, and any parked from now until the next start. */
    public void answerAllNow() {
        stopping = true;
        for (Runnable endNow : parked) {
            if (parked.remove(endNow)) {
                try {
                    endNow.run();
                } catch (RuntimeException e) {
                    log.debug("a parked request could not be answered at shutdown", e);
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
