package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON Schemas are what the records generate, and every golden record validates against the
 * schema of its type and version: today's against the published ones, version 1's against the baseline.
 */
class ContractSchemasTest {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    @Test
    void theCommittedSchemasAreWhatTheRecordsGenerate() throws IOException {
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ContractSchemas.SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                committed.put(ContractSchemas.SOURCE.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }

        assertThat(committed).as("the schemas under %s; after a change to a record, run ContractSchemas.main and "
                + "let SchemaCompatibilityTest judge the change", ContractSchemas.SOURCE)
                .isEqualTo(ContractSchemas.texts(ContractSchemas.generate()));
    }

    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everyGoldenRecordOfTodaysVersionValidates(GoldenRecords kind) {
        for (byte[] record : kind.committed()) {
            assertValid(ContractSchemas.SOURCE, kind, kind.codec.schemaVersion(), record);
        }
    }

    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everyVersionOneGoldenRecordValidatesAgainstTheBaseline(GoldenRecords kind) {
        for (byte[] record : kind.committed(1)) {
            // a type added since the last release (EraseDocument, DocumentErased, …) has no baseline schema
            if (Files.exists(schemaFile(SchemaCompatibilityTest.BASELINE, kind, 1, Wire.PLAIN.readTree(record)))) {
                assertValid(SchemaCompatibilityTest.BASELINE, kind, 1, record);
            }
        }
    }

    @Test
    void aRecordMissingAFieldOrWithAWrongTypeIsInvalid() {
        byte[] job = GoldenRecords.JOBS.committed().get(0);
        JsonNode missing = Wire.PLAIN.readTree(new Wire("job", ModelJson.JOBS, job).with(n -> n.remove("deadline")));
        JsonNode wrongType = Wire.PLAIN.readTree(new Wire("job", ModelJson.JOBS, job).with(n -> n.put("attempt", "1")));
        Schema schema = schema(ContractSchemas.SOURCE, GoldenRecords.JOBS, ModelJson.JOBS.schemaVersion(),
                Wire.PLAIN.readTree(job));

        assertThat(schema.validate(missing)).isNotEmpty();
        assertThat(schema.validate(wrongType)).isNotEmpty();
    }

    static void assertValid(Path root, GoldenRecords kind, int version, byte[] record) {
        JsonNode node = Wire.PLAIN.readTree(record);
        List<com.networknt.schema.Error> errors = schema(root, kind, version, node).validate(node);
        assertThat(errors).as("%s against its schema", new String(record, StandardCharsets.UTF_8)).isEmpty();
    }

    private static Path schemaFile(Path root, GoldenRecords kind, int version, JsonNode record) {
        String name = record.has("type") ? record.get("type").asString()
                : kind == GoldenRecords.JOBS ? "Job" : "CommandOutcome";
        return root.resolve(ContractSchemas.kindDirectory(kind) + "/" + name + ".v" + version + ".schema.json");
    }

    private static Schema schema(Path root, GoldenRecords kind, int version, JsonNode record) {
        Path file = schemaFile(root, kind, version, record);
        try {
            return REGISTRY.getSchema(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
