package dev.docpipe.model.json;

import java.util.Map;
import tools.jackson.databind.JavaType;

/** A record written flat without a type: {@code {"schemaVersion":1, …the record's fields}} (jobs, outcomes). */
record PlainLayout<T>(Class<T> type) implements WireLayout<T, T> {
    @Override
    public boolean typed() {
        return false;
    }

    @Override
    public Map<String, JavaType> wireTypes() {
        return Map.of(UNTYPED, ModelJson.MAPPER.constructType(type));
    }

    @Override
    public String typeOf(T value) {
        return UNTYPED;
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
