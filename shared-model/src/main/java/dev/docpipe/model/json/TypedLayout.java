package dev.docpipe.model.json;

import java.util.Map;
import tools.jackson.databind.JavaType;

/**
 * A sealed family written flat: {@code {"schemaVersion":1,"type":"X", …X's fields}}, X the record's
 * simple name (job results).
 */
record TypedLayout<T>(Class<T> sealed) implements WireLayout<T, T> {
    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public Map<String, JavaType> wireTypes() {
        return WireLayout.byTypeName(sealed, ModelJson.MAPPER::constructType);
    }

    @Override
    public String typeOf(T value) {
        return value.getClass().getSimpleName();
    }

    @Override
    public T toWire(T value) {
        return value;
    }

    @Override
    public T fromWire(T wire) {
        return wire;
    }
}
