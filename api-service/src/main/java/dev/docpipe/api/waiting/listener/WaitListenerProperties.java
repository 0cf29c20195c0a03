package dev.docpipe.api.waiting.listener;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code docpipe.api.wait-listener.*}: the event-loop listener that serves the waiting reads on a port of its own
 * (docs/decisions/0014-wait-listener.md).
 *
 * @param port where it listens; 0 (the default) means no listener: the main port serves every wait, as it always does
 * @param host the address it binds
 * @param eventLoopThreads its event-loop threads: they only parse requests and write answers (every database read
 *     and token check runs on the wait executor), so one is enough for thousands of waiting clients
 */
@ConfigurationProperties("docpipe.api.wait-listener")
public record WaitListenerProperties(
        @DefaultValue("0") int port,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("1") int eventLoopThreads) {
    public WaitListenerProperties {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("docpipe.api.wait-listener.port must be 0 (off) or a port");
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("docpipe.api.wait-listener.event-loop-threads must be at least 1");
        }
    }

    public boolean enabled() {
        return port > 0;
    }
}
