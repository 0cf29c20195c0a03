package dev.docpipe.model.json;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;

/**
 * The codecs' fast path: records in the canonical layout the codecs write ({@code schemaVersion}
 * first, then {@code type} for the typed kinds, then the fields) are bound straight from the parser,
 * without building a JSON tree first. It only ever accepts what the tree path ({@link WireReader})
 * accepts, with the same result: anything else (another field order, a duplicate field, any error at
 * all) makes it step aside, and the tree path decodes the record or decides why it is refused. So
 * the refusal reasons stay exactly as they were, and only valid records in the common layout get
 * faster.
 */
final class StreamingWire {
    /** Duplicate fields are left to the tree path, which keeps the last one. */
    static final ObjectReader READER =
            ModelJson.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private StreamingWire() {}

    /**
     * A parser past {@code {"schemaVersion":1}} of the known version, or null when the record does
     * not start that way (the caller then takes the tree path).
     */
    static JsonParser open(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        JsonParser p = READER.createParser(bytes);
        if (p.nextToken() == JsonToken.START_OBJECT && "schemaVersion".equals(p.nextName())
                && p.nextToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                && p.getIntValue() == ModelJson.SCHEMA_VERSION) {
            return p;
        }
        p.close();
        return null;
    }

    /** The {@code type} field if it comes next, else null. */
    static String type(JsonParser p) {
        return "type".equals(p.nextName()) && p.nextToken() == JsonToken.VALUE_STRING ? p.getString() : null;
    }

    /**
     * Binds the rest of the object (its remaining fields) with {@code reader}; null unless that is
     * the whole rest of the input.
     */
    static <T> T bindRest(JsonParser p, ObjectReader reader) {
        if (p.nextToken() != JsonToken.PROPERTY_NAME) {
            return null;
        }
        T value = reader.readValue(p);
        // the reader consumed the object's closing brace (and clears the current token): nothing may follow
        if (value == null || !p.streamReadContext().inRoot() || p.nextToken() != null) {
            return null;
        }
        return value;
    }

    /**
     * {@code prefix} (an object opened with its header fields and a trailing comma) followed by
     * {@code body}'s fields: {@code {"schemaVersion":1,} + {"a":1}} is {@code {"schemaVersion":1,"a":1}}.
     */
    static byte[] splice(byte[] prefix, byte[] body) {
        if (body.length < 2 || body[0] != '{') {
            throw new IllegalStateException("not a JSON object: " + new String(body, StandardCharsets.UTF_8));
        }
        if (body.length == 2) { // {}: no fields, so no comma
            byte[] out = new byte[prefix.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length - 1);
            out[prefix.length - 1] = '}';
            return out;
        }
        byte[] out = new byte[prefix.length + body.length - 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 1, out, prefix.length, body.length - 1);
        return out;
    }

    /** {@code {"schemaVersion":1,} or {"schemaVersion":1,"type":"X",}} as UTF-8. */
    static byte[] prefix(String type) {
        String header = "{\"schemaVersion\":" + ModelJson.SCHEMA_VERSION + ","
                + (type == null ? "" : "\"type\":" + ModelJson.MAPPER.writeValueAsString(type) + ",");
        return header.getBytes(StandardCharsets.UTF_8);
    }
}
