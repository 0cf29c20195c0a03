package dev.docpipe.model.json;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** A sealed family written flat: {@code {"schemaVersion":1,"type":"X", …X's fields}}. */
final class FlatTypedCodec<T> implements Codec<T> {
    private final Map<String, Class<? extends T>> types;

    FlatTypedCodec(Class<T> sealed) {
        this.types = WireReader.typesOf(sealed);
    }

    @Override
    public byte[] encode(T value) {
        ObjectNode node = ModelJson.header(value.getClass().getSimpleName());
        node.setAll(WireReader.fields(value));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }

    @Override
    public T decode(byte[] bytes) {
        ObjectNode object = WireReader.open(bytes);
        return WireReader.bind(object, WireReader.type(object, types));
    }
}
