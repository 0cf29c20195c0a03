package dev.docpipe.model.json;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A record with common header fields and a typed body under one field ({@code payload}, {@code data}). */
final class EnvelopeCodec<R, B, H> implements Codec<R> {
    private final Map<String, Class<? extends B>> types;
    private final String bodyField;
    private final String bodyComponent;
    private final Function<R, String> typeOf;
    private final Function<R, B> bodyOf;
    private final Class<H> headerType;
    private final BiFunction<H, B, R> assemble;

    /**
     * @param bodyField the body's name on the wire
     * @param bodyComponent the record component holding the body (written under {@code bodyField})
     */
    EnvelopeCodec(Class<B> bodyType, String bodyField, String bodyComponent, Function<R, String> typeOf,
            Function<R, B> bodyOf, Class<H> headerType, BiFunction<H, B, R> assemble) {
        this.types = WireReader.typesOf(bodyType);
        this.bodyField = bodyField;
        this.bodyComponent = bodyComponent;
        this.typeOf = typeOf;
        this.bodyOf = bodyOf;
        this.headerType = headerType;
        this.assemble = assemble;
    }

    @Override
    public byte[] encode(R value) {
        ObjectNode node = ModelJson.header(typeOf.apply(value));
        ObjectNode fields = WireReader.fields(value);
        fields.remove(bodyComponent);
        node.setAll(fields);
        node.set(bodyField, WireReader.fields(bodyOf.apply(value)));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }

    @Override
    public R decode(byte[] bytes) {
        ObjectNode object = WireReader.open(bytes);
        Class<? extends B> type = WireReader.type(object, types);
        JsonNode body = object.remove(bodyField);
        if (body == null || !body.isObject()) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, bodyField + " missing or not an object");
        }
        H header = WireReader.bind(object, headerType);
        B payload = WireReader.bind(body, type);
        try {
            return assemble.apply(header, payload);
        } catch (RuntimeException e) {
            throw new RejectedRecordException(RejectReason.SCHEMA_VIOLATION, e.getMessage(), e);
        }
    }
}
