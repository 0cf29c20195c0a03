package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.web.OpenApiFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is the running API's own description (springdoc's /v3/api-docs.yaml), so the contract
 * the mobile app builds on cannot drift from the code unnoticed. Regenerate it with
 * {@code -Ddocpipe.openapi.regenerate=true} (see {@link #REGENERATE}) and review the diff.
 */
class OpenApiDocumentIntegrationTest extends ApiIntegrationTest {
    private static final String REGENERATE = "./mvnw -B -q -ntp -pl api-service -am test"
            + " -Dtest=OpenApiDocumentIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Ddocpipe.openapi.regenerate=true";

    @Test
    void theCommittedDescriptionIsTheRunningApis() throws IOException {
        JsonNode running = description();

        if (Boolean.getBoolean("docpipe.openapi.regenerate")) {
            Files.writeString(OpenApiFiles.CURRENT, OpenApiFiles.canonical(running), StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(OpenApiFiles.CURRENT)).as("%s is missing; generate it with: %s",
                OpenApiFiles.CURRENT, REGENERATE).isTrue();
        assertThat(OpenApiFiles.read(OpenApiFiles.CURRENT))
                .as("docs/openapi.yaml differs from the running API's /v3/api-docs.yaml; if the change is meant,"
                        + " regenerate it with: %s (then check it with OpenApiCompatibilityTest and OpenApiLintTest)",
                        REGENERATE)
                .isEqualTo(running);
    }

    /**
     * The mobile app's contract as the API serves it (the YAML form to signed-in callers, the JSON one,
     * /v3/api-docs, to anyone). The tests run the dev profile, whose /api/v1/dev endpoints (tokens for local
     * use) do not exist in production: not part of the contract.
     */
    private JsonNode description() {
        HttpApi.Response r = api.get("/v3/api-docs.yaml");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode description = OpenApiFiles.parse(r.body());
        ObjectNode paths = (ObjectNode) description.path("paths");
        List<String> devOnly = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/v1/dev/")) {
                devOnly.add(path);
            }
        });
        paths.remove(devOnly);
        withoutUnreferencedSchemas(description);
        return description;
    }

    /** Drops the schemas only the dev endpoints used. */
    private static void withoutUnreferencedSchemas(JsonNode description) {
        JsonNode schemas = description.path("components").path("schemas");
        if (!(schemas instanceof ObjectNode objects)) {
            return;
        }
        boolean removed = true;
        while (removed) {
            List<String> unreferenced = new ArrayList<>();
            String text = description.toString();
            objects.fieldNames().forEachRemaining(name -> {
                if (!text.contains("\"#/components/schemas/" + name + "\"")) {
                    unreferenced.add(name);
                }
            });
            objects.remove(unreferenced);
            removed = !unreferenced.isEmpty();
        }
    }

    @Test
    void springsErrorPathIsNotPartOfTheContract() {
        JsonNode paths = description().path("paths");

        assertThat(paths.has("/api/v1/commands/{commandId}")).isTrue();
        assertThat(paths.has("/error")).isFalse();
    }

    @Test
    void everyOperationOfTheMobileApiDocumentsA4xx() {
        JsonNode paths = description().path("paths");

        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (path.getKey().startsWith("/api/v1/") && operation.getValue().has("responses")) {
                assertThat(operation.getValue().path("responses").fieldNames()).toIterable()
                        .as("%s %s", operation.getKey(), path.getKey()).anyMatch(code -> code.startsWith("4"));
            }
        }));
    }
}
