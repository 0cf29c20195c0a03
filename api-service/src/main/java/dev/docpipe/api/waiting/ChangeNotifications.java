package dev.docpipe.api.waiting;

import dev.docpipe.readmodel.DocumentChangeLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on {@value DocumentChangeLog#CHANNEL}: the projector's transaction (on whichever API instance projected
 * the events) notifies it on commit, and PostgreSQL delivers that to every listening instance. So each instance
 * learns of every change from the database it already reads, after the change is readable there. One connection
 * of the pool is held for it. When the connection is lost, every subscriber is told to look again (a change may
 * have been committed meanwhile), then the listener reconnects.
 */
@Component
public class ChangeNotifications implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final ChangeSubscribers subscribers;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;

    public ChangeNotifications(DataSource dataSource, ChangeSubscribers subscribers) {
        this.dataSource = dataSource;
        this.subscribers = subscribers;
    }

    /** Whether the LISTEN connection is up (changes reach this instance's waiters). */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("change-notifications").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + DocumentChangeLog.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                subscribers.publishMaybeMissed(); // changes committed while not listening
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            DocumentChangeLog.parse(n.getParameter()).forEach(subscribers::publish);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("change notifications interrupted; reconnecting", e);
                }
            } finally {
                if (listening) {
                    listening = false;
                    subscribers.publishMaybeMissed();
                }
            }
            if (running) {
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server takes requests. */
    @Override
    public int getPhase() {
        return 0;
    }
}
