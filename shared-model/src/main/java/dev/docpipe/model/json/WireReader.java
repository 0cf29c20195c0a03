package dev.docpipe.model.json;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The checks every wire record goes through before its fields are bound. */
final class WireReader {
    private WireReader() {}

    /** Parses {@code bytes} as a JSON object of a known schema version, minus its schemaVersion field. */
    static ObjectNode open(byte[] bytes) {
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
        ObjectNode object = (ObjectNode) node;
        JsonNode version = object.remove("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new RejectedRecordException(RejectReason.MISSING_SCHEMA_VERSION, "schemaVersion missing or not an integer");
        }
        if (version.intValue() != ModelJson.SCHEMA_VERSION) {
            throw new RejectedRecordException(RejectReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion " + version.intValue() + " is not supported (this reader knows "
                            + ModelJson.SCHEMA_VERSION + ")");
        }
        return object;
    }

    /** Removes and resolves the {@code type} field against the permitted subclasses of {@code sealed}. */
    static <T> Class<? extends T> type(ObjectNode object, Map<String, Class<? extends T>> types) {
        JsonNode type = object.remove("type");
        if (type == null || !type.isString()) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, "type missing or not a string");
        }
        Class<? extends T> resolved = types.get(type.stringValue());
        if (resolved == null) {
            throw new RejectedRecordException(RejectReason.UNKNOWN_TYPE, "unknown type '" + type.stringValue() + "'");
        }
        return resolved;
    }

    static <T> T bind(JsonNode node, Class<T> target) {
        try {
            return ModelJson.MAPPER.treeToValue(node, target);
        } catch (JacksonException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            String detail = root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION,
                    target.getSimpleName() + ": " + detail, e);
        }
    }

    /** Simple name to class, for every permitted subclass of a sealed interface. */
    @SuppressWarnings("unchecked")
    static <T> Map<String, Class<? extends T>> typesOf(Class<T> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, c -> (Class<? extends T>) c));
    }

    static ObjectNode fields(Object value) {
        return (ObjectNode) ModelJson.MAPPER.valueToTree(value);
    }

}
