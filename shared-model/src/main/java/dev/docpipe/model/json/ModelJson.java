package dev.docpipe.model.json;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The wire formats of docpipe's topics. Every record is a JSON object whose first fields are
 * {@code schemaVersion} and, for the polymorphic kinds, {@code type}:
 *
 * <pre>
 * command: {"schemaVersion":2,"type":"ConfirmScan","commandId":…,"documentId":…,"issuedAt":…,"actor":…,"payload":{…}}
 * event:   {"schemaVersion":3,"type":"OcrRequested","eventId":…,"documentId":…,"version":7,"occurredAt":…,"causationId":…,"data":{…}}
 * result:  {"schemaVersion":1,"type":"OcrSucceeded","jobId":…,"documentId":…,…}
 * job: {"schemaVersion":2,…the record's fields…}; outcome: {"schemaVersion":1,…}
 * </pre>
 *
 * Each kind has its own {@code schemaVersion} ({@link Codec#schemaVersion()}, its {@link SchemaHistory}).
 * Reading is tolerant of unknown fields (a newer writer may add optional ones) and strict about the rest
 * (a missing field, a wrong type, an unknown type, a newer version are refused) because a record we
 * half-understand must go to the DLQ rather than be acted on. Every kind is written by the one
 * {@link WireWriter} and read by the one {@link WireReader}; its {@link WireLayout} says where its fields go.
 */
public final class ModelJson {

    static final JsonMapper MAPPER = strictBuilder()
            // the canonical instant form without a DateTimeFormatter; everything else as before
            .addModule(new SimpleModule("docpipe-canonical-instants")
                    .addDeserializer(Instant.class, new CanonicalInstantDeserializer()))
            .build();

    /**
     * The reading and writing settings, without the fast instant reader (tests compare the two). Unknown
     * fields fail here so that {@link #read} stays exact for stores; the wire readers turn that off.
     */
    static JsonMapper.Builder strictBuilder() {
        return JsonMapper.builder()
                .addModule(storableStrings())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // A value of the wrong JSON type is a schema violation, not something to convert: 1.9 must not
                // become attempt 1, "3" must not become 3, 42 must not become the text "42".
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
    }

    /** Text PostgreSQL cannot store (NUL, half a surrogate pair) is refused on every topic: see StorableText. */
    private static SimpleModule storableStrings() {
        return new SimpleModule("docpipe-storable-strings").addDeserializer(String.class, new StorableStringDeserializer());
    }

    /** Version 2: personal fields sealed ({@link PersonalFieldsSealed}). */
    public static final Codec<Command> COMMANDS =
            new WireCodec<>(new CommandLayout(), SchemaHistory.of(new PersonalFieldsSealed(1)));
    public static final Codec<RecordedEvent> EVENTS = new WireCodec<>(new EventLayout(), EventHistory.HISTORY);
    public static final Codec<JobResult> RESULTS = new WireCodec<>(new TypedLayout<>(JobResult.class), SchemaHistory.initial());
    /** Version 2: the file's name sealed ({@link PersonalFieldsSealed}). */
    public static final Codec<Job> JOBS =
            new WireCodec<>(new PlainLayout<>(Job.class), SchemaHistory.of(new PersonalFieldsSealed(1)));
    public static final Codec<CommandOutcome> OUTCOMES =
            new WireCodec<>(new PlainLayout<>(CommandOutcome.class), SchemaHistory.initial());

    private ModelJson() {}

    /** Writes any record as plain JSON (no schemaVersion): for state stores, tests and tools. */
    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    private static final ClassValue<OptionalFields> PLAIN_OPTIONAL_FIELDS = new ClassValue<>() {
        @Override
        protected OptionalFields computeValue(Class<?> type) {
            return OptionalFields.of(MAPPER.constructType(type));
        }
    };

    /**
     * Reads what {@link #write} wrote, today or before an optional field was added (it reads as null): the
     * read model keeps documents in this form across releases.
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        OptionalFields optional = PLAIN_OPTIONAL_FIELDS.get(type);
        if (optional.none()) {
            return MAPPER.readValue(bytes, type);
        }
        JsonNode tree = MAPPER.readTree(bytes);
        optional.fill(tree);
        return MAPPER.treeToValue(tree, type);
    }

    /** The shared mapper's tree form of a value, for tools that print or compare JSON. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
