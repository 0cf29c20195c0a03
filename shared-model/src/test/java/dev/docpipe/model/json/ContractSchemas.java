package dev.docpipe.model.json;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published contract: one JSON Schema (draft-07) per record type and schemaVersion, generated from the
 * records' wire forms, under {@code shared-model/src/main/resources/schemas/<kind>/<Type>.v<N>.schema.json}
 * (so they ship in the jar too). The schemas describe what today's writer writes: every field present
 * (nullable ones may be null) and an open content model, because readers ignore fields they do not know
 * and a later release may add optional ones. {@link #main} rewrites them; {@code ContractSchemasTest}
 * fails when the committed files differ from what the records generate.
 */
final class ContractSchemas {
    static final String DIRECTORY = "schemas/";
    static final Path SOURCE = Path.of("src/main/resources").resolve(DIRECTORY);

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ContractSchemas() {}

    /** The directory of a kind's schemas, named after its topic. */
    static String kindDirectory(GoldenRecords kind) {
        return switch (kind) {
            case COMMANDS -> "commands";
            case EVENTS -> "events";
            case RESULTS -> "job-results";
            case JOBS -> "jobs";
            case OUTCOMES -> "command-outcomes";
        };
    }

    /** Every schema of today's versions, by its path under {@link #DIRECTORY}, in a stable order. */
    static Map<String, ObjectNode> generate() {
        Map<Class<?>, Object> instances = SampleGraph.instancesOf(Arrays.stream(GoldenRecords.values())
                .flatMap(k -> k.samples.stream().flatMap(sample -> java.util.stream.Stream.of(sample, wireForm(k, sample))))
                .toList());
        SchemaGenerator generator = generator(instances);
        Map<String, ObjectNode> out = new TreeMap<>();
        for (GoldenRecords kind : GoldenRecords.values()) {
            WireCodec<?, ?> codec = (WireCodec<?, ?>) kind.codec;
            int version = codec.schemaVersion();
            new TreeMap<>(codec.layout().wireTypes()).forEach((type, wireType) -> {
                String name = type.equals(WireLayout.UNTYPED) ? wireType.getRawClass().getSimpleName() : type;
                out.put(kindDirectory(kind) + "/" + name + ".v" + version + ".schema.json",
                        envelope(generator, wireType, codec.layout().typed() ? type : null, version, kind, name));
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object wireForm(GoldenRecords kind, Object sample) {
        return ((WireCodec<Object, ?>) kind.codec).layout().toWire(sample);
    }

    private static ObjectNode envelope(SchemaGenerator generator, JavaType wireType, String type, int version,
            GoldenRecords kind, String name) {
        ObjectNode body = wireType.containedTypeCount() > 0
                ? generator.generateSchema(wireType.getRawClass(), wireType.containedType(0).getRawClass())
                : generator.generateSchema(wireType.getRawClass());
        ObjectNode schema = PRETTY.createObjectNode();
        schema.put("$schema", body.path("$schema").asString());
        schema.put("$id", "urn:docpipe:schema:" + kindDirectory(kind) + ":" + name + ":" + version);
        schema.put("title", name + " (" + kindDirectory(kind) + ", schemaVersion " + version + ")");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("schemaVersion").put("const", version);
        if (type != null) {
            properties.putObject("type").put("const", type);
        }
        properties.setAll((ObjectNode) body.get("properties"));
        var required = schema.putArray("required").add("schemaVersion");
        if (type != null) {
            required.add("type");
        }
        body.path("required").forEach(required::add);
        return schema;
    }

    private static SchemaGenerator generator(Map<Class<?>, Object> instances) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule())
                .with(Option.INLINE_ALL_SCHEMAS);
        // every record component must be present on the wire (the readers fail on a missing one), except
        // those declared optional (OptionalFields), which readers fill in when absent
        config.forFields().withRequiredCheck(field -> !declaredOptional(field.getRawMember()));
        config.forFields().withNullableCheck(field -> nullable(field, instances));
        config.forFields().withInstanceAttributeOverride((attributes, field, context) -> {
            if (sealed(field.getRawMember())) {
                attributes.put("description", field.getType().isInstanceOf(java.util.Collection.class)
                        ? "personal data: each element sealed, " + SEALED_FORMAT
                        : "personal data, sealed: " + SEALED_FORMAT);
                attributes.put(SEALED_KEYWORD, true);
            }
        });
        return new SchemaGenerator(config.build());
    }

    /** The schemas' mark of a sealed personal field (an annotation keyword: validators ignore it). */
    static final String SEALED_KEYWORD = "x-docpipe-sealed";
    private static final String SEALED_FORMAT = "\"dp1:\" + base64url(12-byte nonce || AES-256-GCM ciphertext and tag)"
            + " under the document's data key, AAD documentId:fieldName; a value without the prefix is legacy plain"
            + " text (a record written before this version); null once erased where the field is nullable";

    /** The personal fields of docs/decisions/0012-erasure-by-crypto-shredding.md, sealed on every topic. */
    private static boolean sealed(Field field) {
        Class<?> owner = field.getDeclaringClass();
        String name = field.getName();
        if (owner == dev.docpipe.model.document.FileRef.class) {
            return name.equals(dev.docpipe.model.PersonalData.FILE_NAME);
        }
        return owner == dev.docpipe.model.document.ReviewPatch.class && java.util.Set.of(
                dev.docpipe.model.PersonalData.TITLE, dev.docpipe.model.PersonalData.SUBJECT,
                dev.docpipe.model.PersonalData.TAGS, dev.docpipe.model.PersonalData.CORRECTED_TEXT).contains(name);
    }

    private static boolean declaredOptional(Field field) {
        com.fasterxml.jackson.annotation.JsonProperty property =
                field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null && property.isRequired() == com.fasterxml.jackson.annotation.OptBoolean.FALSE;
    }

    /**
     * Whether a record accepts null for this component: probed on a sample instance through the record's
     * own constructor, so the schema says exactly what its invariants ({@code Require.present}) allow.
     */
    private static boolean nullable(FieldScope field, Map<Class<?>, Object> instances) {
        Field member = field.getRawMember();
        if (member.getType().isPrimitive() || !member.getDeclaringClass().isRecord()) {
            return false;
        }
        // an envelope's wire form has no invariants of its own: the record it becomes has them
        Class<?> owner = switch (member.getDeclaringClass().getSimpleName()) {
            case "EventWire" -> dev.docpipe.model.event.RecordedEvent.class;
            case "CommandWire" -> dev.docpipe.model.command.Command.class;
            default -> member.getDeclaringClass();
        };
        String name = owner == dev.docpipe.model.event.RecordedEvent.class && member.getName().equals("data")
                ? "event" : member.getName();
        Object sample = instances.get(owner);
        if (sample == null) {
            throw new IllegalStateException("no sample of " + owner.getName() + ": add one to Samples");
        }
        RecordComponent[] components = owner.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                components[i].getAccessor().setAccessible(true);
                args[i] = components[i].getName().equals(name) ? null : components[i].getAccessor().invoke(sample);
            }
            Constructor<?> constructor = owner.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            constructor.newInstance(args);
            return true;
        } catch (InvocationTargetException refused) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(ObjectNode schema) {
        return PRETTY.writeValueAsString(schema) + "\n";
    }

    /** Rewrites the schemas under {@code args[0]} (default: shared-model's main resources) from the records. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("shared-model").resolve(SOURCE);
        for (Map.Entry<String, ObjectNode> schema : generate().entrySet()) {
            Path target = root.resolve(schema.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, text(schema.getValue()), StandardCharsets.UTF_8);
            System.out.println("written " + target);
        }
    }

    /** One instance of every record class reachable from the samples (their components, lists included). */
    static final class SampleGraph {
        private SampleGraph() {}

        static Map<Class<?>, Object> instancesOf(Collection<?> roots) {
            Map<Class<?>, Object> out = new HashMap<>();
            roots.forEach(root -> walk(root, out));
            return out;
        }

        private static void walk(Object value, Map<Class<?>, Object> out) {
            if (value == null) {
                return;
            }
            if (value instanceof Collection<?> values) {
                values.forEach(v -> walk(v, out));
                return;
            }
            Class<?> type = value.getClass();
            if (!type.isRecord()) {
                return;
            }
            out.putIfAbsent(type, value); // and its components anyway: one envelope class holds many bodies
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    walk(component.getAccessor().invoke(value), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static Map<String, String> texts(Map<String, ObjectNode> schemas) {
        Map<String, String> out = new LinkedHashMap<>();
        schemas.forEach((path, schema) -> out.put(path, text(schema)));
        return out;
    }
}
