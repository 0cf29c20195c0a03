package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The build's compatibility gate: today's published schemas against the committed baseline of the last
 * release ({@code src/test/resources/schema-baseline}), and the gate itself against every kind of change.
 * At a release, the baseline is replaced by that release's schemas.
 */
class SchemaCompatibilityTest {
    static final Path BASELINE = Path.of("src/test/resources/schema-baseline");
    private static final Path JOB = BASELINE.resolve("jobs/Job.v1.schema.json");
    private static final Path REGISTERED = BASELINE.resolve("events/DocumentRegistered.v1.schema.json");

    /**
     * Breaks of the last release that this release makes on purpose, each reviewed and justified in
     * {@code schema-baseline/accepted-breaks.txt}; the list is emptied when the baseline is replaced at a release.
     * Any other break fails the build, and so does an accepted one that no longer happens (stale list).
     */
    @Test
    void todaysSchemasBreakNothingOfTheLastReleaseButTheAcceptedBreaks() throws java.io.IOException {
        List<String> accepted = java.nio.file.Files.readAllLines(BASELINE.resolve("accepted-breaks.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(SchemaCompatibility.breakingChanges(BASELINE, ContractSchemas.SOURCE))
                .containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void theRenamedRegistrationOwnerIsCoveredByEventsVersionTwo() {
        JsonNode v1 = SchemaCompatibility.read(REGISTERED);
        JsonNode v2 = SchemaCompatibility.read(ContractSchemas.SOURCE.resolve("events/DocumentRegistered.v3.schema.json"));

        // compared as if it were the same version, the rename is breaking...
        assertThat(SchemaCompatibility.breakingChanges("DocumentRegistered", v1, v2))
                .contains("DocumentRegistered data.owner: field removed or renamed",
                        "DocumentRegistered data.ownerAccountId: new required field (records of the last release lack it)");
        // ...which is why it is version 2, with an upcaster from 1
        assertThat(SchemaCompatibility.newerVersionOf("events/DocumentRegistered.v1.schema.json",
                java.util.Set.of("events/DocumentRegistered.v3.schema.json")))
                .isEqualTo("events/DocumentRegistered.v3.schema.json");
        assertThat(ModelJson.EVENTS.schemaVersion()).isEqualTo(3);
    }

    @Test
    void aNewOptionalFieldIsCompatible() {
        assertThat(changes(JOB, s -> properties(s).putObject("priority").put("type", "integer"))).isEmpty();
    }

    @Test
    void aRemovedFieldIsNamed() {
        assertThat(changes(JOB, s -> properties(s).remove("deadline")))
                .containsExactly("Job deadline: field removed or renamed");
    }

    @Test
    void aRenamedNestedFieldIsNamed() {
        assertThat(changes(JOB, s -> {
            ObjectNode file = (ObjectNode) properties(s).get("file");
            ObjectNode fileProperties = (ObjectNode) file.get("properties");
            fileProperties.set("name", fileProperties.remove("fileName"));
            ((ArrayNode) file.get("required")).removeIf(n -> n.asString().equals("fileName"));
        })).containsExactly("Job file.fileName: field removed or renamed");
    }

    @Test
    void aChangedTypeIsNamed() {
        assertThat(changes(JOB, s -> ((ObjectNode) properties(s).get("attempt")).put("type", "string")))
                .containsExactly("Job attempt: type changed from [integer] to [string]");
    }

    @Test
    void anOptionalFieldMadeRequiredIsNamed() {
        JsonNode withOptional = edited(JOB, s -> properties(s).putObject("priority").put("type", "integer"));
        JsonNode withRequired = edited(JOB, s -> {
            properties(s).putObject("priority").put("type", "integer");
            ((ArrayNode) s.get("required")).add("priority");
        });
        assertThat(SchemaCompatibility.breakingChanges("Job", withOptional, withRequired))
                .containsExactly("Job priority: optional field made required");
    }

    @Test
    void aNewRequiredFieldIsNamed() {
        assertThat(changes(JOB, s -> {
            properties(s).putObject("priority").put("type", "integer");
            ((ArrayNode) s.get("required")).add("priority");
        })).containsExactly("Job priority: new required field (records of the last release lack it)");
    }

    @Test
    void enumValuesRemovedOrAddedAreNamed() {
        assertThat(changes(JOB, s -> {
            ArrayNode kinds = (ArrayNode) ((ObjectNode) properties(s).get("kind")).get("enum");
            kinds.removeIf(n -> n.asString().equals("SCAN"));
            kinds.add("FAX");
        })).containsExactly("Job kind: enum value \"SCAN\" removed",
                "Job kind: enum value \"FAX\" added (readers of the last release refuse it)");
    }

    private static List<String> changes(Path baseline, Consumer<ObjectNode> edit) {
        return SchemaCompatibility.breakingChanges("Job", SchemaCompatibility.read(baseline), edited(baseline, edit));
    }

    private static JsonNode edited(Path baseline, Consumer<ObjectNode> edit) {
        ObjectNode schema = (ObjectNode) SchemaCompatibility.read(baseline);
        edit.accept(schema);
        return schema;
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }
}
