package dev.docpipe.model.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the published schemas with the baseline of the last release and lists every breaking change,
 * each naming its record type and field. Within one schemaVersion only additive changes are allowed, in
 * both directions of a rolling deploy (new readers read old records, old readers read new ones): a new
 * optional field. Everything else needs a new schemaVersion with an upcaster, and then the old version's
 * schema simply has a successor.
 *
 * <p>Breaking: a field removed or renamed (a rename is a removal plus an addition), a changed type (null
 * allowed or no longer allowed included), an optional field made required, a new required field, an enum
 * value removed or added (readers refuse values they do not know), a changed constant, a record type
 * removed. Own code over Jackson trees: no maintained schema-diff library fits (see the research notes of
 * issue 16).
 */
final class SchemaCompatibility {
    private static final Pattern FILE = Pattern.compile("(.+)/([A-Za-z]+)\\.v(\\d+)\\.schema\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaCompatibility() {}

    /** Every breaking change from the schema files under {@code baseline} to those under {@code current}. */
    static List<String> breakingChanges(Path baseline, Path current) {
        Map<String, Path> was = files(baseline);
        Map<String, Path> now = files(current);
        List<String> out = new ArrayList<>();
        was.forEach((name, file) -> {
            if (now.containsKey(name)) {
                out.addAll(breakingChanges(name, read(file), read(now.get(name))));
            } else if (newerVersionOf(name, now.keySet()) == null) {
                out.add(name + ": record type removed (readers of its old records refuse them)");
            }
        });
        return out;
    }

    /** The schema of a later version of the same record type, if any: a bump with its upcaster. */
    static String newerVersionOf(String name, Set<String> names) {
        Matcher was = FILE.matcher(name);
        if (!was.matches()) {
            return null;
        }
        for (String candidate : names) {
            Matcher now = FILE.matcher(candidate);
            if (now.matches() && now.group(1).equals(was.group(1)) && now.group(2).equals(was.group(2))
                    && Integer.parseInt(now.group(3)) > Integer.parseInt(was.group(3))) {
                return candidate;
            }
        }
        return null;
    }

    /** The breaking changes between two schemas of one record type and version, named {@code record}. */
    static List<String> breakingChanges(String record, JsonNode was, JsonNode now) {
        List<String> out = new ArrayList<>();
        compare(record + " ", "", was, now, out);
        return out;
    }

    private static void compare(String record, String path, JsonNode was, JsonNode now, List<String> out) {
        String field = path.isEmpty() ? "(the record)" : path;
        Set<String> wasTypes = types(was);
        Set<String> nowTypes = types(now);
        if (!wasTypes.equals(nowTypes)) {
            out.add(record + field + ": type changed from " + wasTypes + " to " + nowTypes);
        }
        JsonNode wasConst = branch(was, "const");
        JsonNode nowConst = branch(now, "const");
        if (wasConst != null && !wasConst.equals(nowConst)) {
            out.add(record + field + ": constant changed from " + wasConst + " to " + nowConst);
        }
        Set<String> wasEnum = enumValues(was);
        Set<String> nowEnum = enumValues(now);
        if (wasEnum != null && nowEnum != null) {
            wasEnum.stream().filter(v -> !nowEnum.contains(v))
                    .forEach(v -> out.add(record + field + ": enum value " + v + " removed"));
            nowEnum.stream().filter(v -> !wasEnum.contains(v)).forEach(v -> out.add(record + field
                    + ": enum value " + v + " added (readers of the last release refuse it)"));
        }
        JsonNode wasProperties = branch(was, "properties");
        JsonNode nowProperties = branch(now, "properties");
        if (wasProperties != null) {
            Set<String> wasRequired = names(branch(was, "required"));
            Set<String> nowRequired = names(branch(now, "required"));
            for (String name : wasProperties.propertyNames()) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode nowProperty = nowProperties == null ? null : nowProperties.get(name);
                if (nowProperty == null) {
                    out.add(record + child + ": field removed or renamed");
                    continue;
                }
                if (!wasRequired.contains(name) && nowRequired.contains(name)) {
                    out.add(record + child + ": optional field made required");
                }
                compare(record, child, wasProperties.get(name), nowProperty, out);
            }
            if (nowProperties != null) {
                for (String name : nowProperties.propertyNames()) {
                    if (!wasProperties.has(name) && nowRequired.contains(name)) {
                        out.add(record + (path.isEmpty() ? name : path + "." + name)
                                + ": new required field (records of the last release lack it)");
                    }
                }
            }
        }
        JsonNode wasItems = branch(was, "items");
        JsonNode nowItems = branch(now, "items");
        if (wasItems != null && nowItems != null) {
            compare(record, path + "[]", wasItems, nowItems, out);
        }
    }

    /** A keyword of the schema or of one of its anyOf branches (nullable enums are an anyOf with null). */
    private static JsonNode branch(JsonNode schema, String keyword) {
        if (schema.has(keyword)) {
            return schema.get(keyword);
        }
        for (JsonNode option : schema.path("anyOf")) {
            if (option.has(keyword)) {
                return option.get(keyword);
            }
        }
        return null;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> out = new java.util.TreeSet<>();
        addTypes(schema.get("type"), out);
        schema.path("anyOf").forEach(option -> addTypes(option.get("type"), out));
        return out;
    }

    private static void addTypes(JsonNode type, Set<String> out) {
        if (type == null) {
            return;
        }
        if (type.isArray()) {
            type.forEach(t -> out.add(t.asString()));
        } else {
            out.add(type.asString());
        }
    }

    private static Set<String> enumValues(JsonNode schema) {
        JsonNode values = branch(schema, "enum");
        if (values == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.toString()));
        return out;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    private static Map<String, Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, Path> out = new TreeMap<>();
            walk.filter(p -> p.toString().endsWith(".schema.json"))
                    .forEach(p -> out.put(root.relativize(p).toString().replace('\\', '/'), p));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }
}
