package dev.docpipe.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a wire form declares optional, at every depth: record components annotated
 * {@code @JsonProperty(isRequired = OptBoolean.FALSE)}. The readers refuse a missing field
 * ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}, which no annotation overrides), so a record written before an
 * optional field existed gets it as null here, before binding. That is what makes adding an optional field
 * an additive change: no new schemaVersion, no upcaster.
 */
final class OptionalFields {
    private static final OptionalFields NONE = new OptionalFields(Set.of(), Map.of());

    private final Set<String> optional;
    private final Map<String, OptionalFields> nested;

    private OptionalFields(Set<String> optional, Map<String, OptionalFields> nested) {
        this.optional = optional;
        this.nested = nested;
    }

    static OptionalFields of(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType()) {
            return of(type.getContentType());
        }
        if (!raw.isRecord()) {
            return NONE;
        }
        Set<String> optional = new HashSet<>();
        Map<String, OptionalFields> nested = new HashMap<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property != null && property.isRequired() == OptBoolean.FALSE) {
                optional.add(component.getName());
            }
            JavaType componentType = ModelJson.MAPPER.getTypeFactory()
                    .resolveMemberType(component.getGenericType(), type.getBindings());
            OptionalFields inner = of(componentType);
            if (inner != NONE) {
                nested.put(component.getName(), inner);
            }
        }
        return optional.isEmpty() && nested.isEmpty() ? NONE : new OptionalFields(Set.copyOf(optional), Map.copyOf(nested));
    }

    /** Whether the type declares no optional field at any depth (then {@link #fill} does nothing). */
    boolean none() {
        return this == NONE;
    }

    /** Puts null for every optional field absent from {@code node} and from the objects under it. */
    void fill(JsonNode node) {
        if (this == NONE) {
            return;
        }
        if (node.isArray()) {
            node.forEach(this::fill);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return; // the binding judges what is not an object
        }
        for (String field : optional) {
            if (!object.has(field)) {
                object.putNull(field);
            }
        }
        nested.forEach((field, inner) -> {
            JsonNode value = object.get(field);
            if (value != null) {
                inner.fill(value);
            }
        });
    }
}
