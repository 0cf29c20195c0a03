package dev.docpipe.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, parsed, with the accessors the tests need (and clear failures when a key is missing). */
final class ComposeFile {
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"']+");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    /** Also used by the Testcontainers test, so its images are the compose file's. */
    static ComposeFile load() {
        return new ComposeFile(new Yaml().load(RepoFiles.read("docker-compose.yml")));
    }

    Set<String> serviceNames() {
        return services().keySet();
    }

    Set<String> volumeNames() {
        return asMap(root.get("volumes"), "volumes").keySet();
    }

    String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    /** A scalar setting of a service, e.g. its restart policy; null when absent. */
    String value(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? null : String.valueOf(value);
    }

    Map<String, Object> map(String service, String key) {
        return asMap(service(service).get(key), service + "." + key);
    }

    List<String> list(String service, String key) {
        Object value = service(service).get(key);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    /** Values as strings, whether the file writes them as a map or as a list of NAME=value. */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    Set<String> dependsOn(String service) {
        return map(service, "depends_on").keySet();
    }

    /** The URL in the healthcheck command. */
    String healthcheckUrl(String service) {
        Matcher m = URL.matcher(String.valueOf(map(service, "healthcheck").get("test")));
        if (!m.find()) {
            throw new AssertionError(service + " healthcheck has no URL: " + map(service, "healthcheck"));
        }
        return m.group();
    }

    private Map<String, Object> services() {
        return asMap(root.get("services"), "services");
    }

    private Map<String, Object> service(String name) {
        return asMap(services().get(name), "services." + name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("docker-compose.yml: " + what + " is missing or not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
