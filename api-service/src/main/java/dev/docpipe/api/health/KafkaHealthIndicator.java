package dev.docpipe.api.health;

import dev.docpipe.api.commands.OutcomeWaiterLifecycle;
import dev.docpipe.api.config.ApiProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Readiness on Kafka: the cluster answers, and this instance reads the outcome topic (without it,
 * every command would wait the full outcome-wait and answer 202). Checked in the background by
 * {@link BackgroundProbe}, so an unreachable broker never holds a health request.
 */
@Component
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {
    private final AdminClient admin;
    private final BackgroundProbe probe;

    public KafkaHealthIndicator(KafkaProperties kafka, OutcomeWaiterLifecycle outcomes, ApiProperties properties) {
        this.admin = AdminClient.create(kafka.buildAdminProperties());
        Duration timeout = properties.healthProbeTimeout();
        this.probe = new BackgroundProbe("kafka", () -> {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            boolean outcomesReady = outcomes.waiter().isReady();
            return (outcomesReady ? Health.up() : Health.down())
                    .withDetail("clusterId", clusterId)
                    .withDetail("outcomeConsumer", outcomesReady ? "assigned" : "waiting for topic")
                    .withDetail("pendingCommands", outcomes.waiter().pendingCount())
                    .build();
        }, properties.healthProbeInterval(), timeout);
    }

    @Override
    public Health health() {
        return probe.health();
    }

    @Override
    public void destroy() {
        probe.close();
        admin.close(Duration.ofSeconds(2));
    }
}
