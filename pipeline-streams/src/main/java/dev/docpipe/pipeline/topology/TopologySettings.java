package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.LeasePolicy;
import java.time.Duration;

/**
 * What the topology needs to know beyond Kafka itself.
 *
 * @param commandIdRetention how long a commandId is remembered for {@code DUPLICATE} answers
 * @param maxRememberedCommands at most this many command ids are remembered per document
 * @param leaseCheckInterval how often (wall clock) expired job leases are looked for
 */
public record TopologySettings(
        LeasePolicy leases, Duration commandIdRetention, int maxRememberedCommands, Duration leaseCheckInterval) {
    public static final TopologySettings DEFAULT =
            new TopologySettings(LeasePolicy.DEFAULT, Duration.ofHours(24), 32, Duration.ofSeconds(1));

    public TopologySettings {
        if (commandIdRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("commandIdRetention must be at least a minute");
        }
        if (maxRememberedCommands < 1) {
            throw new IllegalArgumentException("maxRememberedCommands must be >= 1");
        }
        if (leaseCheckInterval.isNegative() || leaseCheckInterval.isZero()) {
            throw new IllegalArgumentException("leaseCheckInterval must be positive");
        }
    }
}
