package dev.docpipe.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.StandaloneKafka;
import dev.docpipe.localinfra.StandaloneKafka.ScramListener;
import dev.docpipe.localinfra.StandaloneKafka.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SASL_SSL end to end at the client level: a broker whose SCRAM listener presents a certificate made in
 * the test (keytool), and clients configured only through the DOCPIPE_KAFKA_* variables. With the
 * truststore they log in; without it the TLS handshake fails before any credentials are sent.
 */
class KafkaSecurityOverTlsTest {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void aClientTrustingTheBrokersCertificateLogsInOverSaslSsl() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        Path certificate = dir.resolve("broker.crt");
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);

        try (StandaloneKafka kafka = StandaloneKafka.start(Files.createDirectories(dir.resolve("kafka")),
                LoopbackPorts.anyFree(), new ScramListener(LoopbackPorts.anyFree(), "docpipe", "secret",
                        Optional.of(new Tls(keystore, STORE_PASSWORD))))) {
            String bootstrap = kafka.saslBootstrapServers().orElseThrow();
            Map<String, String> variables = Map.of(
                    "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "DOCPIPE_KAFKA_SASL_USERNAME", "docpipe",
                    "DOCPIPE_KAFKA_SASL_PASSWORD", "secret",
                    "DOCPIPE_KAFKA_TRUSTSTORE_LOCATION", truststore.toString(),
                    "DOCPIPE_KAFKA_TRUSTSTORE_PASSWORD", STORE_PASSWORD);

            try (Admin admin = admin(bootstrap, KafkaSecurity.fromEnvironment(variables::get))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }

            Map<String, String> untrusting = new HashMap<>(variables);
            untrusting.remove("DOCPIPE_KAFKA_TRUSTSTORE_LOCATION");
            untrusting.remove("DOCPIPE_KAFKA_TRUSTSTORE_PASSWORD");
            try (Admin admin = admin(bootstrap, KafkaSecurity.fromEnvironment(untrusting::get))) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SslAuthenticationException.class)
                        .rootCause().hasMessageContaining("unable to find valid certification path");
            }
        }
    }

    private static Admin admin(String bootstrap, KafkaSecurity security) {
        Map<String, Object> config = new HashMap<>(security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
