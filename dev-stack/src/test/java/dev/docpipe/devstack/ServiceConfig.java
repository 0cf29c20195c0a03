package dev.docpipe.devstack;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service's {@code src/main/resources/application.yml} reads from the environment: the
 * {@code ${VAR:default}} placeholders, and (Spring's relaxed binding) any property it defines,
 * as {@code DOCPIPE_BLOB_DIR} for {@code docpipe.blob.dir}. Profile names count for
 * SPRING_PROFILES_ACTIVE when the file has a document for them. The DOCPIPE_KAFKA_* security variables
 * are read by every service through {@link KafkaSecurity}.
 */
final class ServiceConfig {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");
    /** Read by the JVM itself, not by the application. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private final String module;
    private final Map<String, String> placeholderDefaults = new java.util.LinkedHashMap<>();
    private final Set<String> relaxedNames = new LinkedHashSet<>();
    private final Set<String> profiles = new LinkedHashSet<>();
    /** Values of the first (default-profile) document. */
    private final Map<String, Object> defaults = new java.util.LinkedHashMap<>();

    private ServiceConfig(String module, String yaml) {
        this.module = module;
        Matcher m = PLACEHOLDER.matcher(yaml);
        while (m.find()) {
            placeholderDefaults.putIfAbsent(m.group(1), m.group(2));
        }
        boolean first = true;
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map, first);
            }
            first = false;
        }
    }

    static ServiceConfig of(String module) {
        return new ServiceConfig(module, RepoFiles.read(module + "/src/main/resources/application.yml"));
    }

    private void flatten(String prefix, Map<?, ?> map, boolean defaultDocument) {
        for (var entry : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            relaxedNames.add(key.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT));
            if (key.equals("spring.config.activate.on-profile")) {
                profiles.add(String.valueOf(entry.getValue()));
            }
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(key, child, defaultDocument);
            } else if (defaultDocument) {
                defaults.put(key, entry.getValue());
            }
        }
    }

    /** Why {@code variable} is read, or empty if this service ignores it. */
    Optional<String> reads(String variable, String value) {
        if (placeholderDefaults.containsKey(variable)) {
            return Optional.of("${" + variable + "} placeholder");
        }
        if (relaxedNames.contains(variable)) {
            return Optional.of("relaxed binding of a property application.yml defines");
        }
        if (KafkaSecurity.VARIABLES.contains(variable)) {
            // every service reads these through the kafka-config module, not through application.yml
            return Optional.of("shared Kafka security setting (KafkaSecurity)");
        }
        if (variable.equals("SPRING_PROFILES_ACTIVE") && profiles.containsAll(List.of(value.split(",")))) {
            return Optional.of("profile document(s) " + value);
        }
        return JVM_VARIABLES.contains(variable) ? Optional.of("read by the JVM") : Optional.empty();
    }

    /** Every variable of {@code env} this service does not read. */
    List<String> unread(Map<String, String> env) {
        List<String> unread = new ArrayList<>();
        env.forEach((name, value) -> {
            if (reads(name, value).isEmpty()) {
                unread.add(module + ": " + name);
            }
        });
        return unread;
    }

    /**
     * The HTTP port the service listens on with {@code env}: server.port, its placeholder resolved
     * against {@code env} or its default. Empty for a service without one (workers).
     */
    Optional<Integer> serverPort(Map<String, String> env) {
        Object raw = defaults.get("server.port");
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = PLACEHOLDER.matcher(raw.toString());
        if (!m.matches()) {
            return Optional.of(Integer.parseInt(raw.toString()));
        }
        return Optional.of(Integer.parseInt(env.getOrDefault(m.group(1), m.group(2))));
    }

    /** The default of {@code ${variable:default}}, e.g. the port behind {@code server.port: ${PORT:8080}}. */
    Optional<String> placeholderDefault(String variable) {
        return Optional.ofNullable(placeholderDefaults.get(variable));
    }

    /** The properties the file's default-profile document sets, flattened (e.g. {@code server.port}). */
    Map<String, Object> defaults() {
        return java.util.Collections.unmodifiableMap(defaults);
    }
}
