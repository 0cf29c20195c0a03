package dev.docpipe.model.json;

import tools.jackson.databind.node.ObjectNode;

/**
 * The plain way to write a wire record, through a JSON tree: the header fields, then the fields of the
 * record's wire form. The reference that {@link WireWriter}'s splicing is checked against.
 */
final class TreeWriter {
    private TreeWriter() {}

    static <T, W> byte[] write(WireCodec<T, W> codec, T value) {
        WireLayout<T, W> layout = codec.layout();
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
        node.put("schemaVersion", codec.schemaVersion());
        if (layout.typed()) {
            node.put("type", layout.typeOf(value));
        }
        node.setAll((ObjectNode) ModelJson.MAPPER.valueToTree(layout.toWire(value)));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }
}
