package dev.docpipe.api.health;

import dev.docpipe.api.commands.OutcomeWaiterLifecycle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Readiness on Kafka: the cluster answers, and this instance reads the outcome topic (without it,
 * every command would wait the full outcome-wait and answer 202).
 */
@Component
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AdminClient admin;
    private final OutcomeWaiterLifecycle outcomes;

    public KafkaHealthIndicator(KafkaProperties kafka, OutcomeWaiterLifecycle outcomes) {
        this.admin = AdminClient.create(kafka.buildAdminProperties());
        this.outcomes = outcomes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        boolean outcomesReady = outcomes.waiter().isReady();
        (outcomesReady ? builder.up() : builder.down())
                .withDetail("clusterId", clusterId)
                .withDetail("outcomeConsumer", outcomesReady ? "assigned" : "waiting for topic")
                .withDetail("pendingCommands", outcomes.waiter().pendingCount());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
