package dev.docpipe.model.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Thousands of ways to break a valid record, deterministically: for readers that must refuse them all alike. */
final class BrokenVariants {
    private static final List<String> ODD_VALUES = List.of("null", "\"\"", "\"x\"", "0", "-1", "1", "1.5", "2.0",
            "2147483648", "9223372036854775808", "1e3", "true", "false", "[]", "{}", "[1]", "[\"a\"]", "{\"a\":1}",
            "\"00000000-0000-4000-8000-000000000001\"", "\"2025-03-01T10:15:30Z\"", "\"SCAN\"", "\"ACCEPTED\"");

    private BrokenVariants() {}

    /** Truncations, every field removed / replaced by odd values / duplicated / moved last, nested fields too. */
    static List<byte[]> of(byte[] valid) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < valid.length; i += 7) {
            out.add(Arrays.copyOf(valid, i));
        }
        String text = new String(valid, StandardCharsets.UTF_8);
        out.add((text + "x").getBytes(StandardCharsets.UTF_8));
        out.add((text + "{}").getBytes(StandardCharsets.UTF_8));
        ObjectNode root = (ObjectNode) Wire.PLAIN.readTree(valid);
        mutate(root, root, out, 0);
        for (String field : root.propertyNames()) {
            for (String odd : List.of(root.get(field).toString(), "null", "1", "\"x\"")) {
                // the field again, at the end: {"schemaVersion":1,…,"field":odd}
                out.add((text.substring(0, text.length() - 1) + ",\"" + field + "\":" + odd + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void mutate(ObjectNode root, ObjectNode object, List<byte[]> out, int depth) {
        for (String field : List.copyOf(object.propertyNames())) {
            JsonNode original = object.get(field);
            object.remove(field);
            out.add(Wire.PLAIN.writeValueAsBytes(root));
            for (String odd : ODD_VALUES) {
                object.set(field, Wire.PLAIN.readTree(odd));
                out.add(Wire.PLAIN.writeValueAsBytes(root));
            }
            object.set(field, original); // back, now as the last field: another field order
            out.add(Wire.PLAIN.writeValueAsBytes(root));
            if (original instanceof ObjectNode nested && depth < 2) {
                mutate(root, nested, out, depth + 1);
            }
        }
        object.put("unexpected", 1);
        out.add(Wire.PLAIN.writeValueAsBytes(root));
        object.remove("unexpected");
    }
}
