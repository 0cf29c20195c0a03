package dev.docpipe.model.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/** One record type: {@code {"schemaVersion":1, …fields}}. */
final class PlainCodec<T> implements Codec<T> {
    private static final byte[] PREFIX = StreamingWire.prefix(null);

    private final Class<T> type;
    private final ObjectReader reader;

    PlainCodec(Class<T> type) {
        this.type = type;
        this.reader = StreamingWire.READER.forType(type);
    }

    @Override
    public byte[] encode(T value) {
        return StreamingWire.splice(PREFIX, ModelJson.MAPPER.writeValueAsBytes(value));
    }

    @Override
    public T decode(byte[] bytes) {
        T fast = decodeStreaming(bytes);
        return fast != null ? fast : decodeTree(bytes);
    }

    /** The fast path alone: null when it steps aside. */
    T decodeStreaming(byte[] bytes) {
        try (JsonParser p = StreamingWire.open(bytes)) {
            return p == null ? null : StreamingWire.bindRest(p, reader);
        } catch (RuntimeException e) {
            return null; // the tree path decides
        }
    }

    /** The reference decoder: judges every record the streaming path does not accept. */
    T decodeTree(byte[] bytes) {
        return WireReader.bind(WireReader.open(bytes), type);
    }

    /** The previous encoder, through a JSON tree; tests check the streaming one writes the same bytes. */
    byte[] encodeTree(T value) {
        ObjectNode node = ModelJson.header(null);
        node.setAll(WireReader.fields(value));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }
}
