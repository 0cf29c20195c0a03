package dev.docpipe.workers.kafka;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.workers.WorkersApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real worker application, in this JVM, against the shared test broker. */
public final class WorkerApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private WorkerApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static WorkerApp start(Path blobDir, String... extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", KafkaBroker.shared().bootstrapServers());
        properties.put("docpipe.blob.dir", blobDir.toString());
        properties.put("docpipe.worker.instance-id", "test-" + UUID.randomUUID());
        properties.put("spring.main.banner-mode", "off");
        // Any free port: several worker apps run in one JVM, and 8082 may be taken on this machine.
        properties.put("server.port", "0");
        for (String property : extraProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        // As command-line arguments: builder "properties" are defaults, which application.yml overrides.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new WorkerApp(new SpringApplicationBuilder(WorkersApplication.class).run(args));
    }

    /** The actuator's base URL, e.g. {@code http://127.0.0.1:41234/actuator}. */
    public String actuator() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/actuator";
    }

    MeterRegistry metrics() {
        return context.getBean(MeterRegistry.class);
    }

    double count(String kind, String outcome) {
        var counter = metrics().find("docpipe.worker.jobs").tags("kind", kind, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double inFlight(String kind) {
        return metrics().get("docpipe.worker.jobs.in.flight").tag("kind", kind).gauge().value();
    }

    @Override
    public void close() {
        context.close();
    }
}
