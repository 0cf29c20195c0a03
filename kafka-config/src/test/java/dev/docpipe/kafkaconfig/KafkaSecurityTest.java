package dev.docpipe.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void nothingSetIsAPlaintextBrokerWithoutAuthentication() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.<String, String>of()::get);
        assertThat(security).isEqualTo(KafkaSecurity.plaintext());
        assertThat(security.clientProperties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslOverTlsGivesEveryClientTheMechanismCredentialsAndTruststore() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of(
                "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "DOCPIPE_KAFKA_SASL_USERNAME", "docpipe",
                "DOCPIPE_KAFKA_SASL_PASSWORD", "s3cr\"t\\",
                "DOCPIPE_KAFKA_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "DOCPIPE_KAFKA_TRUSTSTORE_PASSWORD", "changeit")::get);

        Map<String, String> props = security.clientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .doesNotContainKey("ssl.keystore.location");
        // Kafka's own JAAS parser reads the credentials back unchanged, quotes and backslashes included.
        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(props.get("sasl.jaas.config"))))
                .configurationEntries().getFirst();
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        Map<String, Object> options = Map.copyOf(entry.getOptions());
        assertThat(options).containsEntry("username", "docpipe")
                .containsEntry("password", "s3cr\"t\\");
        assertThat(security.toString()).doesNotContain("s3cr");
    }

    @Test
    void variablesRoundTripSoAChildProcessGetsTheSameSettings() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of(
                "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "SSL",
                "DOCPIPE_KAFKA_KEYSTORE_LOCATION", "/k.jks", "DOCPIPE_KAFKA_KEYSTORE_TYPE", "JKS",
                "DOCPIPE_KAFKA_KEY_PASSWORD", "kp")::get);
        assertThat(KafkaSecurity.fromEnvironment(security.variables()::get)).isEqualTo(security);
        assertThat(security.clientProperties()).containsEntry("ssl.keystore.type", "JKS")
                .containsEntry("ssl.key.password", "kp");
        assertThat(KafkaSecurity.VARIABLES).containsAll(security.variables().keySet());
    }

    @Test
    void aSaslProtocolWithoutCredentialsFailsNamingTheMissingVariable() {
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of(
                "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "DOCPIPE_KAFKA_SASL_USERNAME", "docpipe")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOCPIPE_KAFKA_SASL_PASSWORD");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of(
                "DOCPIPE_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "DOCPIPE_KAFKA_SASL_USERNAME", "u",
                "DOCPIPE_KAFKA_SASL_PASSWORD", "p")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not authenticate with SASL");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("DOCPIPE_KAFKA_SECURITY_PROTOCOL", "TLS")::get))
                .hasMessageContaining("DOCPIPE_KAFKA_SECURITY_PROTOCOL=TLS");
        assertThatThrownBy(() -> KafkaSecurity.scram("GSSAPI", "u", "p")).hasMessageContaining("GSSAPI");
    }

    @Test
    void aRefusedLoginIsToldApartFromAnUnreachableBroker() {
        KafkaSecurity security = KafkaSecurity.scram("SCRAM-SHA-512", "docpipe", "wrong");
        var refused = new RuntimeException(new SaslAuthenticationException("Authentication failed during authentication"));
        assertThat(AuthenticationFailure.describe(refused, security)).get().asString()
                .contains("Kafka refused authentication", "SASL_PLAINTEXT SCRAM-SHA-512 as docpipe",
                        "DOCPIPE_KAFKA_SASL_PASSWORD")
                .doesNotContain("wrong");
        assertThat(AuthenticationFailure.describe(new TimeoutException("no answer"), security)).isEmpty();
        assertThat(security.protocol()).isEqualTo(SecurityProtocol.SASL_PLAINTEXT);
    }
}
