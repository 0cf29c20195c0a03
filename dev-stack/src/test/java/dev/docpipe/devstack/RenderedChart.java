package dev.docpipe.devstack;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/helm/docpipe rendered by real Helm ({@code helm template}, through helm-java's bundled
 * native library) and parsed, with the accessors the chart tests need.
 */
final class RenderedChart {
    static final Path CHART = RepoFiles.root().resolve("deploy/helm/docpipe");
    static final String RELEASE = "docpipe";

    private final List<Map<String, Object>> objects = new ArrayList<>();

    private RenderedChart(String yaml) {
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                objects.add(cast(map));
            }
        }
    }

    static RenderedChart withDefaults() {
        return render(template -> template);
    }

    static RenderedChart withValuesFile(String chartRelativePath) {
        return render(template -> template.withValuesFile(CHART.resolve(chartRelativePath)));
    }

    static RenderedChart render(UnaryOperator<TemplateCommand> options) {
        return new RenderedChart(options.apply(new Helm(CHART).template().withName(RELEASE).withNamespace("docpipe")).call());
    }

    /** The name the chart gives a component's objects. */
    static String nameOf(String component) {
        return RELEASE + "-" + component;
    }

    List<Map<String, Object>> objects() {
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(path(o, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the chart"));
    }

    /** The pipeline's StatefulSet or the Deployment of api-service or workers. */
    Map<String, Object> workload(String component) {
        return find("StatefulSet", nameOf(component)).orElseGet(() -> get("Deployment", nameOf(component)));
    }

    Map<String, Object> podSpec(String component) {
        return cast(path(workload(component), "spec", "template", "spec"));
    }

    /** The component's one container. */
    Map<String, Object> container(String component) {
        List<Map<String, Object>> containers = list(podSpec(component).get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError(component + " should have one container: " + containers);
        }
        return containers.getFirst();
    }

    /**
     * What the container's environment holds: the ConfigMaps it imports with envFrom, then its own
     * env entries. A secret is {@code secret:<name>/<key>}, a downward API field {@code field:<path>}.
     */
    Map<String, String> environment(String component) {
        Map<String, Object> container = container(component);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> source : list(container.get("envFrom"))) {
            String configMap = String.valueOf(path(source, "configMapRef", "name"));
            Map<String, Object> data = cast(get("ConfigMap", configMap).getOrDefault("data", Map.of()));
            data.forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Map<String, Object> variable : list(container.get("env"))) {
            String name = String.valueOf(variable.get("name"));
            if (variable.containsKey("value")) {
                env.put(name, String.valueOf(variable.get("value")));
            } else if (path(variable, "valueFrom", "secretKeyRef") instanceof Map<?, ?> ref) {
                env.put(name, "secret:" + ref.get("name") + "/" + ref.get("key"));
            } else if (path(variable, "valueFrom", "fieldRef") instanceof Map<?, ?> ref) {
                env.put(name, "field:" + ref.get("fieldPath"));
            } else {
                throw new AssertionError(component + ": unexpected env entry " + variable);
            }
        }
        return env;
    }

    /** Container port by name. */
    Map<String, Integer> containerPorts(String component) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : list(container(component).get("ports"))) {
            ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }
        return ports;
    }

    /** mountPath by volume name. */
    Map<String, String> volumeMounts(String component) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Map<String, Object> mount : list(container(component).get("volumeMounts"))) {
            mounts.put(String.valueOf(mount.get("name")), String.valueOf(mount.get("mountPath")));
        }
        return mounts;
    }

    /** The pod's volumes by name. */
    Map<String, Map<String, Object>> volumes(String component) {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Map<String, Object> volume : list(podSpec(component).get("volumes"))) {
            volumes.put(String.valueOf(volume.get("name")), volume);
        }
        return volumes;
    }

    /** A value below nested mappings, or null. */
    static Object path(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        if (!(map instanceof Map<?, ?>)) {
            throw new AssertionError("not a mapping: " + map);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
