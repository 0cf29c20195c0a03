package dev.docpipe.model.json;

import dev.docpipe.model.StorableText;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Jackson's string reader, refusing text no store downstream can hold ({@link StorableText}): a record
 * carrying it is a schema violation and goes to the DLQ, instead of being decided on and then stalling
 * the read model. Jackson uses it for every string of every record, in lists too.
 */
final class StorableStringDeserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String value = super.deserialize(p, ctxt);
        String problem = StorableText.problem(value);
        if (problem != null) {
            String field = p.currentName();
            // the message leaves the value out: it is what cannot be stored, in a DLQ header or anywhere
            throw InvalidFormatException.from(p, (field == null ? "a string" : field) + " " + problem, "…",
                    String.class);
        }
        return value;
    }
}
