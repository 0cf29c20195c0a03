package dev.docpipe.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The breaking changes between two OpenAPI descriptions, for a client built on the older one: a removed path
 * or operation, a removed response code, a request body or request field made required, a new required
 * parameter, a removed response field. Additions (paths, operations, responses, optional fields) are not
 * breaks. Each break is one line naming the operation and the field, the form accepted breaks are listed in.
 */
final class OpenApiCompatibility {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode baseline;
    private final JsonNode current;
    private final Set<String> breaks = new TreeSet<>();

    private OpenApiCompatibility(JsonNode baseline, JsonNode current) {
        this.baseline = baseline;
        this.current = current;
    }

    static List<String> breaks(JsonNode baseline, JsonNode current) {
        OpenApiCompatibility check = new OpenApiCompatibility(baseline, current);
        check.compare();
        return List.copyOf(check.breaks);
    }

    private void compare() {
        for (Map.Entry<String, JsonNode> path : fields(baseline.path("paths"))) {
            JsonNode now = current.path("paths").get(path.getKey());
            if (now == null) {
                breaks.add(path.getKey() + ": path removed");
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operationNow = now.get(operation.getKey());
                if (operationNow == null) {
                    breaks.add(name + ": operation removed");
                } else {
                    compareOperation(name, operation.getValue(), operationNow);
                }
            }
        }
    }

    private void compareOperation(String name, JsonNode before, JsonNode now) {
        for (Map.Entry<String, JsonNode> response : fields(before.path("responses"))) {
            JsonNode responseNow = now.path("responses").get(response.getKey());
            if (responseNow == null) {
                breaks.add(name + ": response " + response.getKey() + " removed");
            } else if (response.getKey().startsWith("2")) {
                for (Map.Entry<String, JsonNode> media : fields(response.getValue().path("content"))) {
                    JsonNode mediaNow = responseNow.path("content").get(media.getKey());
                    if (mediaNow != null) {
                        removedFields(name + " " + response.getKey(), media.getValue().path("schema"),
                                mediaNow.path("schema"), "", new HashSet<>());
                    }
                }
            }
        }
        Set<String> requiredBefore = new HashSet<>();
        for (JsonNode parameter : before.path("parameters")) {
            if (parameter.path("required").asBoolean()) {
                requiredBefore.add(parameter.path("in").asText() + ":" + parameter.path("name").asText());
            }
        }
        for (JsonNode parameter : now.path("parameters")) {
            String key = parameter.path("in").asText() + ":" + parameter.path("name").asText();
            if (parameter.path("required").asBoolean() && !requiredBefore.contains(key)) {
                breaks.add(name + ": " + parameter.path("in").asText() + " parameter " + parameter.path("name").asText()
                        + " made required");
            }
        }
        JsonNode bodyNow = now.path("requestBody");
        if (bodyNow.path("required").asBoolean() && !before.path("requestBody").path("required").asBoolean()) {
            breaks.add(name + ": request body made required");
        }
        for (Map.Entry<String, JsonNode> media : fields(bodyNow.path("content"))) {
            JsonNode mediaBefore = before.path("requestBody").path("content").path(media.getKey());
            Set<String> fieldsBefore = required(resolve(baseline, mediaBefore.path("schema")));
            for (String field : required(resolve(current, media.getValue().path("schema")))) {
                if (!fieldsBefore.contains(field)) {
                    breaks.add(name + ": request field " + field + " made required");
                }
            }
        }
    }

    /** Properties of a response the baseline had and today's lacks, down through objects and arrays. */
    private void removedFields(String where, JsonNode schemaBefore, JsonNode schemaNow, String path, Set<String> seen) {
        JsonNode before = resolve(baseline, schemaBefore);
        JsonNode now = resolve(current, schemaNow);
        if (!seen.add(path + "|" + schemaBefore.path("$ref").asText())) {
            return;
        }
        if (before.has("items")) {
            removedFields(where, before.path("items"), now.path("items"), path + "[]", seen);
        }
        for (Map.Entry<String, JsonNode> property : fields(before.path("properties"))) {
            String field = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            JsonNode propertyNow = now.path("properties").get(property.getKey());
            if (propertyNow == null) {
                breaks.add(where + ": response field " + field + " removed");
            } else {
                removedFields(where, property.getValue(), propertyNow, field, seen);
            }
        }
    }

    private static JsonNode resolve(JsonNode description, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (!ref.startsWith("#/components/schemas/")) {
            return schema;
        }
        return description.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new HashSet<>();
        schema.path("required").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
