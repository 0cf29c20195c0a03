package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.LeasePolicy;
import java.time.Duration;

/**
 * What the topology needs to know beyond Kafka itself.
 *
 * @param commandIdRetention how long a commandId is remembered for {@code DUPLICATE} answers
 * @param maxRememberedCommands at most this many refused (not ACCEPTED) command ids are remembered per
 *     document; accepted ones are kept for the whole retention
 * @param leaseCheckInterval how often (wall clock) expired job leases are looked for
 * @param inputPartitions the partition count of docpipe.commands and docpipe.job-results, read from the
 *     broker at start-up ({@code DocpipePipeline.start}): a record on another partition than its key's is
 *     dead-lettered. 0 when unknown (a topology built for a test or benchmark): then not checked.
 */
public record TopologySettings(
        LeasePolicy leases,
        Duration commandIdRetention,
        int maxRememberedCommands,
        Duration leaseCheckInterval,
        int inputPartitions) {
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
        if (inputPartitions < 0) {
            throw new IllegalArgumentException("inputPartitions must be >= 0");
        }
    }

    /** Settings whose input partition count is not known yet (filled in at start-up). */
    public TopologySettings(
            LeasePolicy leases, Duration commandIdRetention, int maxRememberedCommands, Duration leaseCheckInterval) {
        this(leases, commandIdRetention, maxRememberedCommands, leaseCheckInterval, 0);
    }

    public TopologySettings withInputPartitions(int count) {
        return new TopologySettings(leases, commandIdRetention, maxRememberedCommands, leaseCheckInterval, count);
    }
}
