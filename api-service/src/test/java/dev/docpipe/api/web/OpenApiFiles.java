package dev.docpipe.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The committed HTTP contract: docs/openapi.yaml (the running API's description, keys sorted so a
 * regeneration diffs cleanly) and docs/openapi-baseline.yaml (the last release's), read with swagger-core's
 * own YAML mapper.
 */
public final class OpenApiFiles {
    /** Maven runs each module's tests in the module's directory. */
    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    public static final Path CURRENT = REPOSITORY.resolve("docs/openapi.yaml");
    public static final Path BASELINE = REPOSITORY.resolve("docs/openapi-baseline.yaml");
    public static final Path ACCEPTED_BREAKS = REPOSITORY.resolve("docs/openapi-accepted-breaks.txt");

    private OpenApiFiles() {}

    public static JsonNode read(Path file) {
        try {
            return Yaml.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static JsonNode parse(String yamlOrJson) {
        try {
            return Yaml.mapper().readTree(yamlOrJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed form of a description: YAML with every object's keys sorted. */
    public static String canonical(JsonNode description) {
        try {
            return Yaml.mapper().writeValueAsString(sorted(description));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
