package dev.docpipe.kafkaconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How every docpipe Kafka client authenticates and encrypts: the pipeline, the API, the workers, the dev
 * stack and the {@code docpipe} CLI all read the same {@code DOCPIPE_KAFKA_*} variables through this
 * record, so a deployment sets them once for all of its processes.
 *
 * <p>Unset means a plaintext broker without authentication (the dev stack's). With a {@code SASL_*}
 * protocol the credentials are required: a missing username or password fails at start-up with the
 * variable's name rather than as an authentication error from the broker later.
 *
 * @param protocol Kafka's security.protocol
 * @param sasl the mechanism and credentials, present for SASL_PLAINTEXT and SASL_SSL
 * @param truststore the CAs to trust for SSL and SASL_SSL; empty: the JVM's default trust
 * @param keystore a client certificate for mutual TLS; empty: none
 */
public record KafkaSecurity(SecurityProtocol protocol, Optional<Sasl> sasl, Optional<Store> truststore,
        Optional<Keystore> keystore) {

    public static final String SECURITY_PROTOCOL = "DOCPIPE_KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM = "DOCPIPE_KAFKA_SASL_MECHANISM";
    public static final String SASL_USERNAME = "DOCPIPE_KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "DOCPIPE_KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE_LOCATION = "DOCPIPE_KAFKA_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_PASSWORD = "DOCPIPE_KAFKA_TRUSTSTORE_PASSWORD";
    public static final String TRUSTSTORE_TYPE = "DOCPIPE_KAFKA_TRUSTSTORE_TYPE";
    public static final String KEYSTORE_LOCATION = "DOCPIPE_KAFKA_KEYSTORE_LOCATION";
    public static final String KEYSTORE_PASSWORD = "DOCPIPE_KAFKA_KEYSTORE_PASSWORD";
    public static final String KEYSTORE_TYPE = "DOCPIPE_KAFKA_KEYSTORE_TYPE";
    public static final String KEY_PASSWORD = "DOCPIPE_KAFKA_KEY_PASSWORD";

    /** Every variable read here, e.g. for a deployment test that checks what a service is given. */
    public static final List<String> VARIABLES = List.of(SECURITY_PROTOCOL, SASL_MECHANISM, SASL_USERNAME,
            SASL_PASSWORD, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE_LOCATION,
            KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD);

    /** SCRAM: the password never crosses the wire, and brokers store only salted hashes. */
    public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";

    public KafkaSecurity {
        boolean saslProtocol = protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
        if (saslProtocol != sasl.isPresent()) {
            throw new IllegalArgumentException(saslProtocol
                    ? SECURITY_PROTOCOL + "=" + protocol + " needs " + SASL_USERNAME + " and " + SASL_PASSWORD
                    : "SASL credentials given, but " + SECURITY_PROTOCOL + "=" + protocol
                            + " does not authenticate with SASL (SASL_PLAINTEXT or SASL_SSL does)");
        }
    }

    /** No authentication, no encryption. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** SASL_PLAINTEXT with SCRAM credentials (SCRAM-SHA-256 or SCRAM-SHA-512). */
    public static KafkaSecurity scram(String mechanism, String username, String password) {
        return new KafkaSecurity(SecurityProtocol.SASL_PLAINTEXT, Optional.of(new Sasl(mechanism, username, password)),
                Optional.empty(), Optional.empty());
    }

    /** From the process environment (the CLI, the dev stack). */
    public static KafkaSecurity fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /**
     * From {@code variables}, looked up by the names above (a Spring app passes its Environment, which sees
     * the process environment and test properties of the same names); blank counts as unset.
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static KafkaSecurity fromEnvironment(Function<String, String> variables) {
        Function<String, Optional<String>> get = name -> Optional.ofNullable(variables.apply(name))
                .map(String::strip).filter(v -> !v.isEmpty());
        SecurityProtocol protocol = get.apply(SECURITY_PROTOCOL).map(KafkaSecurity::protocol)
                .orElse(SecurityProtocol.PLAINTEXT);
        Optional<String> username = get.apply(SASL_USERNAME);
        Optional<String> password = get.apply(SASL_PASSWORD);
        Optional<Sasl> sasl = Optional.empty();
        if (username.isPresent() || password.isPresent()
                || protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL) {
            String mechanism = get.apply(SASL_MECHANISM).orElse(DEFAULT_SASL_MECHANISM);
            sasl = Optional.of(new Sasl(mechanism,
                    username.orElseThrow(() -> missing(SASL_USERNAME, protocol)),
                    password.orElseThrow(() -> missing(SASL_PASSWORD, protocol))));
        }
        Optional<Store> truststore = get.apply(TRUSTSTORE_LOCATION).map(location -> new Store(location,
                get.apply(TRUSTSTORE_PASSWORD), get.apply(TRUSTSTORE_TYPE).orElse(Store.DEFAULT_TYPE)));
        Optional<Keystore> keystore = get.apply(KEYSTORE_LOCATION).map(location -> new Keystore(new Store(location,
                get.apply(KEYSTORE_PASSWORD), get.apply(KEYSTORE_TYPE).orElse(Store.DEFAULT_TYPE)),
                get.apply(KEY_PASSWORD)));
        return new KafkaSecurity(protocol, sasl, truststore, keystore);
    }

    private static SecurityProtocol protocol(String name) {
        try {
            return SecurityProtocol.forName(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SECURITY_PROTOCOL + "=" + name + " is none of "
                    + SecurityProtocol.names(), e);
        }
    }

    private static IllegalArgumentException missing(String variable, SecurityProtocol protocol) {
        return new IllegalArgumentException(variable + " is not set, but SASL needs it (" + SECURITY_PROTOCOL + "="
                + protocol + ", " + SASL_USERNAME + " and " + SASL_PASSWORD + " go together)");
    }

    public SecurityProtocol protocol() {
        return protocol;
    }

    /**
     * The Kafka client settings for these choices, the same for producers, consumers, admin clients and
     * Kafka Streams (which hands unprefixed settings to all of its clients).
     */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        sasl.ifPresent(s -> {
            props.put(SaslConfigs.SASL_MECHANISM, s.mechanism());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, s.jaasConfig());
        });
        truststore.ifPresent(t -> {
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, t.location());
            t.password().ifPresent(p -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, t.type());
        });
        keystore.ifPresent(k -> {
            props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, k.store().location());
            k.store().password().ifPresent(p -> props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, p));
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, k.store().type());
            k.keyPassword().ifPresent(p -> props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p));
        });
        return props;
    }

    /** The variables that give these settings, to hand to a child process (the dev stack's services). */
    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SECURITY_PROTOCOL, protocol.name);
        sasl.ifPresent(s -> {
            env.put(SASL_MECHANISM, s.mechanism());
            env.put(SASL_USERNAME, s.username());
            env.put(SASL_PASSWORD, s.password());
        });
        truststore.ifPresent(t -> {
            env.put(TRUSTSTORE_LOCATION, t.location());
            t.password().ifPresent(p -> env.put(TRUSTSTORE_PASSWORD, p));
            env.put(TRUSTSTORE_TYPE, t.type());
        });
        keystore.ifPresent(k -> {
            env.put(KEYSTORE_LOCATION, k.store().location());
            k.store().password().ifPresent(p -> env.put(KEYSTORE_PASSWORD, p));
            env.put(KEYSTORE_TYPE, k.store().type());
            k.keyPassword().ifPresent(p -> env.put(KEY_PASSWORD, p));
        });
        return env;
    }

    /** Where {@code protocol, sasl} are shown (logs, banners): never the password. */
    @Override
    public String toString() {
        return protocol.name + sasl.map(s -> " " + s.mechanism() + " as " + s.username()).orElse("");
    }

    /** A SASL mechanism with a username and password (SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN). */
    public record Sasl(String mechanism, String username, String password) {
        private static final Map<String, String> LOGIN_MODULES = Map.of(
                "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
                "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
                "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        public Sasl {
            mechanism = mechanism.toUpperCase(Locale.ROOT);
            if (!LOGIN_MODULES.containsKey(mechanism)) {
                throw new IllegalArgumentException(SASL_MECHANISM + "=" + mechanism + " is not supported; use one of "
                        + LOGIN_MODULES.keySet().stream().sorted().toList());
            }
        }

        /** JAAS quotes: a backslash or double quote in a credential is escaped, so any password works. */
        String jaasConfig() {
            return LOGIN_MODULES.get(mechanism) + " required username=\"" + quoted(username) + "\" password=\""
                    + quoted(password) + "\";";
        }

        private static String quoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        @Override
        public String toString() {
            return "Sasl[" + mechanism + ", " + username + "]";
        }
    }

    /** A trust or key store file. */
    public record Store(String location, Optional<String> password, String type) {
        static final String DEFAULT_TYPE = "PKCS12";
    }

    public record Keystore(Store store, Optional<String> keyPassword) {}
}
