package dev.docpipe.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Client libraries log to stderr only with --verbose; otherwise the CLI's own messages are all there is. */
public final class Logging {
    private Logging() {}

    public static void configure(boolean verbose) {
        if (!verbose) {
            return; // logback.xml: WARN, Kafka clients off
        }
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        }
    }
}
