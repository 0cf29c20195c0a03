package dev.docpipe.model.json;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record with common header fields and a typed body under one field ({@code payload}, {@code data}).
 *
 * @param <W> the wire shape without schemaVersion and type: the header fields, then the body under
 *     its wire name; a record generic in the body's type, so that one reader per type binds it in a
 *     single streaming pass
 */
final class EnvelopeCodec<R, B, H, W> implements Codec<R> {
    private final Map<String, Class<? extends B>> types;
    private final String bodyField;
    private final String bodyComponent;
    private final Function<R, String> typeOf;
    private final Function<R, B> bodyOf;
    private final Class<H> headerType;
    private final BiFunction<H, B, R> assemble;
    private final Function<R, W> toWire;
    private final Function<W, R> fromWire;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    private final Map<String, byte[]> prefixes = new HashMap<>();

    /**
     * @param bodyField the body's name on the wire
     * @param bodyComponent the record component holding the body (written under {@code bodyField})
     * @param wireType the generic record {@code W} (its one type parameter is the body's type)
     */
    EnvelopeCodec(Class<B> bodyType, String bodyField, String bodyComponent, Function<R, String> typeOf,
            Function<R, B> bodyOf, Class<H> headerType, BiFunction<H, B, R> assemble, Class<?> wireType,
            Function<R, W> toWire, Function<W, R> fromWire) {
        this.types = WireReader.typesOf(bodyType);
        this.bodyField = bodyField;
        this.bodyComponent = bodyComponent;
        this.typeOf = typeOf;
        this.bodyOf = bodyOf;
        this.headerType = headerType;
        this.assemble = assemble;
        this.toWire = toWire;
        this.fromWire = fromWire;
        types.forEach((name, type) -> {
            readers.put(name, StreamingWire.READER.forType(
                    ModelJson.MAPPER.getTypeFactory().constructParametricType(wireType, type)));
            prefixes.put(name, StreamingWire.prefix(name));
        });
    }

    @Override
    public byte[] encode(R value) {
        String type = typeOf.apply(value);
        byte[] prefix = prefixes.get(type);
        if (prefix == null) {
            prefix = StreamingWire.prefix(type);
        }
        return StreamingWire.splice(prefix, ModelJson.MAPPER.writeValueAsBytes(toWire.apply(value)));
    }

    @Override
    public R decode(byte[] bytes) {
        R fast = decodeStreaming(bytes);
        return fast != null ? fast : decodeTree(bytes);
    }

    /** The fast path alone: null when it steps aside. */
    R decodeStreaming(byte[] bytes) {
        try (JsonParser p = StreamingWire.open(bytes)) {
            if (p == null) {
                return null;
            }
            String type = StreamingWire.type(p);
            ObjectReader reader = type == null ? null : readers.get(type);
            if (reader == null) {
                return null;
            }
            W wire = StreamingWire.bindRest(p, reader);
            return wire == null ? null : fromWire.apply(wire);
        } catch (RuntimeException e) {
            return null; // the tree path decides
        }
    }

    /** The reference decoder: judges every record the streaming path does not accept. */
    R decodeTree(byte[] bytes) {
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

    /** The previous encoder, through a JSON tree; tests check the streaming one writes the same bytes. */
    byte[] encodeTree(R value) {
        ObjectNode node = ModelJson.header(typeOf.apply(value));
        ObjectNode fields = WireReader.fields(value);
        fields.remove(bodyComponent);
        node.setAll(fields);
        node.set(bodyField, WireReader.fields(bodyOf.apply(value)));
        return ModelJson.MAPPER.writeValueAsBytes(node);
    }
}
