package dev.docpipe.model.json;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/** A sealed family written flat: {@code {"schemaVersion":1,"type":"X", …X's fields}}. */
final class FlatTypedCodec<T> implements Codec<T> {
    private final Map<String, Class<? extends T>> types;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    private final Map<Class<?>, byte[]> prefixes = new HashMap<>();

    FlatTypedCodec(Class<T> sealed) {
        this.types = WireReader.typesOf(sealed);
        types.forEach((name, type) -> {
            readers.put(name, StreamingWire.READER.forType(type));
            prefixes.put(type, StreamingWire.prefix(name));
        });
    }

    @Override
    public byte[] encode(T value) {
        byte[] prefix = prefixes.get(value.getClass());
        if (prefix == null) {
            prefix = StreamingWire.prefix(value.getClass().getSimpleName());
        }
        return StreamingWire.splice(prefix, ModelJson.MAPPER.writeValueAsBytes(value));
    }

    @Override
    public T decode(byte[] bytes) {
        T fast = decodeStreaming(bytes);
        return fast != null ? fast : decodeTree(bytes);
    }

    /** The fast path alone: null when it steps aside. */
    T decodeStreaming(byte[] bytes) {
        try (JsonParser p = StreamingWire.open(bytes)) {
            if (p == null) {
                return null;
            }
            String type = StreamingWire.type(p);
            ObjectReader reader = type == null ? null : readers.get(type);
            return reader == null ? null : StreamingWire.bindRest(p, reader);
        } catch (RuntimeException e) {
            return null; // the tree path decides
        }
    }

    /** The reference decoder: judges every record the streaming path does not accept. */
    T decodeTree(byte[] bytes) {
        ObjectNode object = WireReader.open(bytes);
        return WireReader.bind(object, WireReader.type(object, types));
    }

    /** The previous encoder, through a JSON tree; tests check the streaming one writes the same bytes. */
    byte[] encodeTree(T value) {
        ObjectNode node = ModelJson.header(value.getClass().getSimpleName());
        node.setAll(WireReader.fields(value));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }
}
