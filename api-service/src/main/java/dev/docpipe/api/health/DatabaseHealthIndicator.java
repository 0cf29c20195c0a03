package dev.docpipe.api.health;

import dev.docpipe.api.config.ApiProperties;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness on PostgreSQL ({@code db} in the health groups; Spring Boot's own {@code dbHealthIndicator},
 * which asks the database on every health request, backs off for this bean's name): a connection from the
 * pool answers {@code isValid} within the probe timeout, checked in the background by {@link BackgroundProbe}.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {
    private final BackgroundProbe probe;

    public DatabaseHealthIndicator(DataSource dataSource, ApiProperties properties) {
        int validSeconds = (int) Math.max(1, properties.healthProbeTimeout().toSeconds());
        this.probe = new BackgroundProbe("db", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(validSeconds)
                        ? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build()
                        : Health.down().withDetail("validation", "the connection did not answer").build();
            }
        }, properties.healthProbeInterval(), properties.healthProbeTimeout());
    }

    @Override
    public Health health() {
        return probe.health();
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
