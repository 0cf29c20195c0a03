package dev.docpipe.model.json;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JavaType;

/**
 * Where one kind of record puts its fields on the wire. Every record is a JSON object that starts with
 * {@code schemaVersion}, then {@code type} for the kinds that have one, then the fields of its
 * <em>wire form</em> {@code W}: the record itself for a flat kind, or a record of the envelope's header
 * fields and its body for commands and events. The one {@link WireReader} and the one {@link WireWriter}
 * handle the header; a layout only names the wire forms and converts between them and the record.
 *
 * @param <T> the record as the code uses it
 * @param <W> its wire form
 */
interface WireLayout<T, W> {
    /** The key of the one wire form of a kind without a {@code type} field. */
    String UNTYPED = "";

    /** Whether the records carry a {@code type} field after {@code schemaVersion}. */
    boolean typed();

    /** The wire form's Java type for each {@code type} name (a kind without one: one entry, {@link #UNTYPED}). */
    Map<String, JavaType> wireTypes();

    /** The {@code type} written for {@code value}; {@link #UNTYPED} for a kind without one. */
    String typeOf(T value);

    W toWire(T value);

    /** @throws RuntimeException when the wire form does not make a valid record (a schema violation) */
    T fromWire(W wire);

    /**
     * The wire form a record of a type this reader does not know is read with, or null when the kind refuses
     * such records ({@link RejectReason#UNKNOWN_TYPE}). Only events have one: a new event type is an
     * additive change old readers skip (docs/design.md "Evolution rules"); a command, result or job they
     * cannot interpret must not be acted upon.
     */
    default JavaType unknownTypeWire() {
        return null;
    }

    /** The record for {@code wire}, read with {@link #unknownTypeWire()} from a record of type {@code type}. */
    default T fromUnknownTypeWire(String type, Object wire) {
        throw new UnsupportedOperationException("this kind refuses unknown types");
    }

    /** For every permitted subclass of {@code sealed}: its simple name (the {@code type}) to its wire form. */
    static Map<String, JavaType> byTypeName(Class<?> sealed, Function<Class<?>, JavaType> wireTypeOf) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, wireTypeOf));
    }
}
