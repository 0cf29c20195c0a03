package dev.docpipe.model.json;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one writer of wire records: the header ({@code {"schemaVersion":1,"type":"X",}}, precomputed per
 * type) spliced in front of the fields Jackson writes for the record's wire form, so a record is
 * serialized once, straight to bytes, in the canonical layout the fast path of {@link WireReader} reads.
 */
final class WireWriter<T, W> {
    private final WireLayout<T, W> layout;
    private final int version;
    private final Map<String, byte[]> headers = new HashMap<>();

    /** @param version the kind's current schemaVersion: a writer writes nothing else */
    WireWriter(WireLayout<T, W> layout, int version) {
        this.layout = layout;
        this.version = version;
        layout.wireTypes().keySet().forEach(type -> headers.put(type, header(type)));
    }

    byte[] write(T value) {
        String type = layout.typeOf(value);
        byte[] header = headers.get(type);
        return splice(header != null ? header : header(type), ModelJson.MAPPER.writeValueAsBytes(layout.toWire(value)));
    }

    /** {@code {"schemaVersion":1,} or {"schemaVersion":1,"type":"X",}} as UTF-8. */
    private byte[] header(String type) {
        String header = "{\"schemaVersion\":" + version + ","
                + (type.equals(WireLayout.UNTYPED) ? "" : "\"type\":" + ModelJson.MAPPER.writeValueAsString(type) + ",");
        return header.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code header} (an object opened with its header fields and a trailing comma) followed by the
     * fields of the object {@code fields}: {@code {"schemaVersion":1,} + {"a":1}} is {@code {"schemaVersion":1,"a":1}}.
     */
    private static byte[] splice(byte[] header, byte[] fields) {
        if (fields.length < 2 || fields[0] != '{') {
            throw new IllegalStateException("not a JSON object: " + new String(fields, StandardCharsets.UTF_8));
        }
        if (fields.length == 2) { // {}: no fields, so no comma
            byte[] out = new byte[header.length];
            System.arraycopy(header, 0, out, 0, header.length - 1);
            out[header.length - 1] = '}';
            return out;
        }
        byte[] out = new byte[header.length + fields.length - 1];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(fields, 1, out, header.length, fields.length - 1);
        return out;
    }
}
