package dev.docpipe.model.json;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * The wire formats of docpipe's topics. Every record is a JSON object whose first fields are
 * {@code schemaVersion} and, for the polymorphic kinds, {@code type}:
 *
 * <pre>
 * command: {"schemaVersion":1,"type":"ConfirmScan","commandId":…,"documentId":…,"issuedAt":…,"actor":…,"payload":{…}}
 * event:   {"schemaVersion":1,"type":"OcrRequested","eventId":…,"documentId":…,"version":7,"occurredAt":…,"causationId":…,"data":{…}}
 * result:  {"schemaVersion":1,"type":"OcrSucceeded","jobId":…,"documentId":…,…}
 * job, outcome: {"schemaVersion":1,…the record's fields…}
 * </pre>
 *
 * Reading is strict (unknown or missing fields are refused) because a record we half-understand
 * must go to the DLQ rather than be acted on. Records are written and, in this canonical layout,
 * read in one streaming pass ({@link StreamingWire}); anything else is read through a JSON tree
 * ({@link WireReader}), which also decides why a record is refused.
 */
public final class ModelJson {
    public static final int SCHEMA_VERSION = 1;

    static final JsonMapper MAPPER = strictBuilder()
            // the canonical instant form without a DateTimeFormatter; everything else as before
            .addModule(new SimpleModule("docpipe-canonical-instants")
                    .addDeserializer(Instant.class, new CanonicalInstantDeserializer()))
            .build();

    /** The strict reading and writing settings, without the fast instant reader (tests compare the two). */
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

    public static final Codec<Command> COMMANDS = new EnvelopeCodec<>(CommandPayload.class, "payload", "payload",
            Command::type, Command::payload, CommandHeader.class,
            (header, payload) -> new Command(header.commandId(), header.documentId(), header.issuedAt(),
                    header.actor(), payload),
            CommandWire.class,
            c -> new CommandWire<>(c.commandId(), c.documentId(), c.issuedAt(), c.actor(), c.payload()),
            w -> new Command(w.commandId(), w.documentId(), w.issuedAt(), w.actor(), w.payload()));

    public static final Codec<RecordedEvent> EVENTS = new EnvelopeCodec<>(DocumentEvent.class, "data", "event",
            RecordedEvent::type, RecordedEvent::event, EventHeader.class,
            (header, event) -> new RecordedEvent(header.eventId(), header.documentId(), header.version(),
                    header.occurredAt(), header.causationId(), event),
            EventWire.class,
            e -> new EventWire<>(e.eventId(), e.documentId(), e.version(), e.occurredAt(), e.causationId(), e.event()),
            w -> new RecordedEvent(w.eventId(), w.documentId(), w.version(), w.occurredAt(), w.causationId(), w.data()));

    public static final Codec<JobResult> RESULTS = new FlatTypedCodec<>(JobResult.class);
    public static final Codec<Job> JOBS = new PlainCodec<>(Job.class);
    public static final Codec<CommandOutcome> OUTCOMES = new PlainCodec<>(CommandOutcome.class);

    private ModelJson() {}

    /** Writes any record as plain JSON (no schemaVersion): for state stores, tests and tools. */
    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Reads what {@link #write} wrote. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        return MAPPER.readValue(bytes, type);
    }

    /** The shared mapper's tree form of a value, for tools that print or compare JSON. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    record CommandHeader(UUID commandId, UUID documentId, Instant issuedAt, String actor) {}

    record EventHeader(UUID eventId, UUID documentId, long version, Instant occurredAt, UUID causationId) {}

    /** A command on the wire after schemaVersion and type (field order = wire order). */
    record CommandWire<P extends CommandPayload>(
            UUID commandId, UUID documentId, Instant issuedAt, String actor, P payload) {}

    /** An event on the wire after schemaVersion and type (field order = wire order). */
    record EventWire<E extends DocumentEvent>(
            UUID eventId, UUID documentId, long version, Instant occurredAt, UUID causationId, E data) {}

    static ObjectNode header(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        if (type != null) {
            node.put("type", type);
        }
        return node;
    }
}
