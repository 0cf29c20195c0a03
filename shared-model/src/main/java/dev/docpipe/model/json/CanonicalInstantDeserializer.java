package dev.docpipe.model.json;

import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the one form docpipe writes instants in ({@code 2025-03-01T10:15:30.123456789Z}: four-digit
 * year, seconds, 0-9 fraction digits, {@code Z}) without going through a {@code DateTimeFormatter},
 * which was a third of the decoding cost of a command. Every other token and every other form (offsets,
 * leap seconds, other years, numbers) goes to Jackson's own {@link InstantDeserializer}, so what is
 * accepted or refused, and the value read, are unchanged (checked by CanonicalInstantDeserializerTest).
 */
public final class CanonicalInstantDeserializer extends StdScalarDeserializer<Instant> {
    private final ValueDeserializer<?> fallback;

    CanonicalInstantDeserializer() {
        this(InstantDeserializer.INSTANT);
    }

    private CanonicalInstantDeserializer(ValueDeserializer<?> fallback) {
        super(Instant.class);
        this.fallback = fallback;
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        ValueDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(ctxt, property);
        return contextual == fallback ? this : new CanonicalInstantDeserializer(contextual);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant fast = parse(p.getString());
            if (fast != null) {
                return fast;
            }
        }
        return (Instant) fallback.deserialize(p, ctxt);
    }

    /**
     * The instant, or null when {@code s} is not in the canonical form ({@link Instant#toString()}) or
     * not a valid date (the caller falls back to a full parser). Also used by replay-cli's fast fold.
     */
    public static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) { // a fraction: ".d" to ".ddddddddd"
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
