package dev.docpipe.model.json;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one reader of wire records, for every kind (its {@link WireLayout}). Each record goes through the
 * same steps: a JSON object, its {@code schemaVersion} ({@link #checkVersion}), brought to the kind's
 * current version by the kind's {@link SchemaHistory} (upcasting), its {@code type} for the typed kinds,
 * then its remaining fields bound to the wire form of that type by one Jackson reader per type. Those
 * readers are where strictness lives, for both paths below: they are <em>tolerant</em> of fields they do
 * not know (a newer writer may add optional fields at any time, see docs/design.md "Evolution rules") and
 * strict about everything else (a missing field, a wrong type, unstorable text, from {@link ModelJson}'s
 * settings). A record of a newer version than the kind's current one is refused, never guessed at.
 *
 * <p>Two paths take those steps. Records of the current version in the canonical layout the writer
 * produces ({@code schemaVersion} first, then {@code type}) are bound straight from the parser without
 * building a JSON tree: the pipeline reads one command per decision, so this path is the hot one. Every
 * other record, and any record the fast path has the slightest doubt about (another field order, a
 * duplicate field, any error), goes through a JSON tree, which decides why a record is refused. The fast
 * path only ever returns what the tree path would: the same value from the same readers.
 */
final class WireReader<T, W> {
    /**
     * The base of the per-type readers. Duplicate fields make the fast path step aside: the tree path
     * keeps the last one.
     */
    private static final ObjectReader READER = ModelJson.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final WireLayout<T, W> layout;
    private final SchemaHistory history;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    private final Map<String, OptionalFields> optionalFields = new HashMap<>();
    /** Reads records of a type this reader does not know; null when the kind refuses them. */
    private final ObjectReader unknownTypeReader;

    WireReader(WireLayout<T, W> layout, SchemaHistory history) {
        this.layout = layout;
        this.history = history;
        layout.wireTypes().forEach((type, wireType) -> {
            readers.put(type, READER.forType(wireType));
            optionalFields.put(type, OptionalFields.of(wireType));
        });
        JavaType unknownTypeWire = layout.unknownTypeWire();
        this.unknownTypeReader = unknownTypeWire == null ? null : READER.forType(unknownTypeWire);
    }

    /** @throws RejectedRecordException when the bytes are not a readable record of this kind */
    T read(byte[] bytes) {
        T canonical = readCanonical(bytes);
        return canonical != null ? canonical : readTree(bytes);
    }

    /** The fast path alone: null whenever it steps aside for {@link #readTree}. */
    T readCanonical(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (JsonParser p = READER.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !"schemaVersion".equals(p.nextName())
                    || p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    || p.getIntValue() != history.currentVersion()) {
                return null;
            }
            String type = layout.typed() ? canonicalType(p) : WireLayout.UNTYPED;
            ObjectReader reader = type == null ? null : readers.get(type);
            if (reader == null || p.nextToken() != JsonToken.PROPERTY_NAME) {
                return null;
            }
            W wire = reader.readValue(p);
            // the reader consumed the object's closing brace (and cleared the current token): nothing may follow
            if (wire == null || !p.streamReadContext().inRoot() || p.nextToken() != null) {
                return null;
            }
            return layout.fromWire(wire);
        } catch (RuntimeException e) {
            return null; // the tree path decides
        }
    }

    /** The {@code type} field if it comes next, else null. */
    private static String canonicalType(JsonParser p) {
        return "type".equals(p.nextName()) && p.nextToken() == JsonToken.VALUE_STRING ? p.getString() : null;
    }

    /** Any layout, and the reason for every refusal. */
    T readTree(byte[] bytes) {
        ObjectNode object = jsonObject(bytes);
        upcast(checkVersion(object), object);
        String type = layout.typed() ? type(object) : WireLayout.UNTYPED;
        if (!readers.containsKey(type)) {
            return readUnknownType(object, type);
        }
        optionalFields.get(type).fill(object);
        W wire = bind(object, type);
        try {
            return layout.fromWire(wire);
        } catch (RuntimeException e) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, e.getMessage(), e);
        }
    }

    private static ObjectNode jsonObject(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedRecordException(RejectReason.MALFORMED_JSON, "empty record value");
        }
        JsonNode node;
        try {
            node = ModelJson.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new RejectedRecordException(RejectReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRecordException(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Removes {@code schemaVersion} and refuses every version this kind has no history for: a newer one
     * (from a writer that changed the shape in a way this reader cannot know) or one that never existed.
     * The one place a record's version is judged.
     */
    private int checkVersion(ObjectNode object) {
        JsonNode version = object.remove("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new RejectedRecordException(RejectReason.MISSING_SCHEMA_VERSION, "schemaVersion missing or not an integer");
        }
        if (!history.reads(version.intValue())) {
            throw new RejectedRecordException(RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion " + version.intValue() + " is not supported (this reader knows 1 to "
                            + history.currentVersion() + ")");
        }
        return version.intValue();
    }

    /** An older record in today's shape, before its type is looked up (a step may rename a type). */
    private void upcast(int version, ObjectNode object) {
        try {
            history.upcast(version, object);
        } catch (RuntimeException e) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION,
                    "schemaVersion " + version + " record cannot be upcast: " + e.getMessage(), e);
        }
    }

    /**
     * A record of a known version whose type this reader does not know, for a kind that skips such records:
     * its header is read (and must be valid like any other), the rest is left alone.
     */
    private T readUnknownType(ObjectNode object, String type) {
        try {
            return layout.fromUnknownTypeWire(type, unknownTypeReader.readValue(object));
        } catch (JacksonException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            String detail = root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, type + " (unknown type): " + detail, e);
        } catch (RuntimeException e) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, type + " (unknown type): " + e.getMessage(), e);
        }
    }

    /**
     * Removes {@code type} and checks that this kind has a wire form of that name, or skips records of unknown
     * types ({@link WireLayout#unknownTypeWire()}).
     */
    private String type(ObjectNode object) {
        JsonNode type = object.remove("type");
        if (type == null || !type.isString()) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, "type missing or not a string");
        }
        if (!readers.containsKey(type.stringValue()) && unknownTypeReader == null) {
            throw new RejectedRecordException(RejectReason.UNKNOWN_TYPE, "unknown type '" + type.stringValue() + "'");
        }
        return type.stringValue();
    }

    private W bind(ObjectNode fields, String type) {
        ObjectReader reader = readers.get(type);
        try {
            return reader.readValue(fields);
        } catch (JacksonException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            String detail = root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
            String what = layout.typed() ? type : reader.getValueType().getRawClass().getSimpleName();
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, what + ": " + detail, e);
        }
    }
}
