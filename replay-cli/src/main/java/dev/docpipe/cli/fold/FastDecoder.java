package dev.docpipe.cli.fold;

import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Decodes docpipe.events and job records in one streaming pass, binding straight to the records instead of
 * building a JSON tree first as {@link ModelJson} does: the audit's hot path (about twice as fast, with
 * {@link IsoInstants} for the timestamps). It accepts only the canonical layout ModelJson writes
 * (schemaVersion first, then for events type, the header fields and data; nothing else) with ModelJson's
 * strict binding settings; anything else, and any failure, goes to ModelJson, which stays the judge of
 * what is readable.
 */
public final class FastDecoder {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("docpipe-fast-instants").addDeserializer(Instant.class, new InstantText()))
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final Map<String, ObjectReader> READERS = Arrays.stream(DocumentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName,
                    // "data" is followed by the envelope's closing brace, checked below
                    type -> MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));

    /** Thrown internally when the fast path does not apply. */
    private static final class NotCanonical extends RuntimeException {
        NotCanonical() {
            super(null, null, false, false);
        }
    }

    private static final NotCanonical NOT_CANONICAL = new NotCanonical();

    /** Instants as ISO text only (what docpipe writes); other forms fall back to the reference decoder. */
    private static final class InstantText extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw NOT_CANONICAL;
            }
            return IsoInstants.parse(p.getString());
        }
    }

    private FastDecoder() {}

    private static final ObjectReader JOB = MAPPER.readerFor(Job.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @throws dev.docpipe.model.json.RejectedRecordException as {@link ModelJson#EVENTS} would
     */
    public static RecordedEvent event(byte[] bytes) {
        RecordedEvent event = tryEvent(bytes);
        return event != null ? event : ModelJson.EVENTS.decode(bytes);
    }

    /**
     * @throws dev.docpipe.model.json.RejectedRecordException as {@link ModelJson#JOBS} would
     */
    public static Job job(byte[] bytes) {
        Job job = tryJob(bytes);
        return job != null ? job : ModelJson.JOBS.decode(bytes);
    }

    /** The fast path alone: null when it does not apply. */
    static Job tryJob(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            name(p, "schemaVersion");
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            if (p.getIntValue() != ModelJson.JOBS.schemaVersion()) {
                return null;
            }
            expect(p.nextToken(), JsonToken.PROPERTY_NAME);
            Job job = JOB.readValue(p); // the rest of the object (its end included): the job's own fields
            if (p.nextToken() != null) {
                return null;
            }
            return job;
        } catch (RuntimeException notFast) {
            return null;
        }
    }

    /** The fast path alone: null when it does not apply. */
    static RecordedEvent tryEvent(byte[] bytes) {
        try {
            return fast(bytes);
        } catch (RuntimeException notFast) {
            return null;
        }
    }

    private static RecordedEvent fast(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            name(p, "schemaVersion");
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            if (p.getIntValue() != ModelJson.EVENTS.schemaVersion()) {
                return null;
            }
            name(p, "type");
            expect(p.nextToken(), JsonToken.VALUE_STRING);
            ObjectReader reader = READERS.get(p.getString());
            if (reader == null) {
                return null;
            }
            name(p, "eventId");
            UUID eventId = uuid(p);
            name(p, "documentId");
            UUID documentId = uuid(p);
            name(p, "version");
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            long version = p.getLongValue();
            name(p, "occurredAt");
            expect(p.nextToken(), JsonToken.VALUE_STRING);
            Instant occurredAt = IsoInstants.parse(p.getString());
            name(p, "causationId");
            UUID causationId = uuid(p);
            name(p, "data");
            expect(p.nextToken(), JsonToken.START_OBJECT);
            DocumentEvent data = reader.readValue(p);
            expect(p.nextToken(), JsonToken.END_OBJECT);
            if (p.nextToken() != null) {
                return null;
            }
            return new RecordedEvent(eventId, documentId, version, occurredAt, causationId, data);
        }
    }

    private static void name(JsonParser p, String expected) {
        if (p.nextToken() != JsonToken.PROPERTY_NAME || !expected.equals(p.currentName())) {
            throw NOT_CANONICAL;
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw NOT_CANONICAL;
        }
    }

    private static UUID uuid(JsonParser p) {
        expect(p.nextToken(), JsonToken.VALUE_STRING);
        String text = p.getString();
        if (text.length() != 36) {
            throw NOT_CANONICAL;
        }
        return UUID.fromString(text);
    }
}
