package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.StandaloneKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev stack's memory settings reach the real servers and JVMs they are meant for. */
class DevStackMemoryTest {

    @TempDir
    Path dir;

    @Test
    void postgresRunsWithTheDevStacksSlotsBuffersAndIoWorkers() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            for (Map.Entry<String, String> setting : DevStackMemory.POSTGRES.entrySet()) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting.getKey())) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting.getKey()).isEqualTo(setting.getValue());
                }
            }
        }
    }

    @Test
    void theBrokerRunsWithTheSmallerDedupeBuffer() throws Exception {
        try (StandaloneKafka kafka = StandaloneKafka.start(Files.createDirectories(dir.resolve("kafka")),
                LoopbackPorts.anyFree(), Optional.empty(), DevStackMemory.BROKER);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(Set.of(broker)).all().get().get(broker);
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(Long.toString(16L << 20));
        }
    }

    @Test
    void eachChildJvmGetsAHeapBoundAndTheSerialCollector() {
        assertThat(DevStackMemory.jvmOptions(Path.of("api-service/target/api-service-0.1.0-SNAPSHOT-exec.jar")))
                .contains("-Xmx192m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(DevStackMemory.jvmOptions(Path.of("workers/target/workers-0.1.0-SNAPSHOT-exec.jar")))
                .contains("-Xmx384m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void theApiPoolIsSmallerAndTheOtherServicesUnchanged() {
        Infra infra = new Infra("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/docpipe", "docpipe", "docpipe");
        assertThat(ServiceEnvironment.api(infra, dir, 8080, "kek")).containsEntry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5");
        assertThat(ServiceEnvironment.workers(infra, dir, 8082)).doesNotContainKey("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE");
    }
}
