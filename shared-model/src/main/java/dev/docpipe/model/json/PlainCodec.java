package dev.docpipe.model.json;

import tools.jackson.databind.node.ObjectNode;

/** One record type: {@code {"schemaVersion":1, …fields}}. */
final class PlainCodec<T> implements Codec<T> {
    private final Class<T> type;

    PlainCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public byte[] encode(T value) {
        ObjectNode node = ModelJson.header(null);
        node.setAll(WireReader.fields(value));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }

    @Override
    public T decode(byte[] bytes) {
        return WireReader.bind(WireReader.open(bytes), type);
    }
}
