package dev.docpipe.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract's breaking-change gate: docs/openapi.yaml against the last release's
 * (docs/openapi-baseline.yaml). A break fails the build unless docs/openapi-accepted-breaks.txt lists it,
 * worded as the gate words it, under a comment saying why; an accepted break that no longer happens fails
 * too, so the list stays true. Both are replaced at each release.
 */
class OpenApiCompatibilityTest {
    @Test
    void todaysContractBreaksTheLastReleaseOnlyWhereAccepted() throws IOException {
        List<String> accepted = Files.readAllLines(OpenApiFiles.ACCEPTED_BREAKS).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        List<String> breaks = OpenApiCompatibility.breaks(OpenApiFiles.read(OpenApiFiles.BASELINE),
                OpenApiFiles.read(OpenApiFiles.CURRENT));

        assertThat(breaks).as("breaking changes of docs/openapi.yaml against docs/openapi-baseline.yaml; a"
                        + " deliberate one goes, with its reason, into docs/openapi-accepted-breaks.txt")
                .containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void anAdditionIsNoBreak() {
        JsonNode before = OpenApiFiles.parse(BASE);
        JsonNode after = OpenApiFiles.parse(BASE.replace("'404': {description: none}", "'404': {description: none}\n        '409': {description: x}")
                .replace("components:\n", "  /b:\n    get:\n      responses:\n        '200': {description: ok}\ncomponents:\n")
                .replace("b: {type: string}", "b: {type: string}\n        c: {type: string}"));

        assertThat(OpenApiCompatibility.breaks(before, after)).isEmpty();
    }

    @Test
    void removalsAndNewRequirementsAreNamed() {
        JsonNode before = OpenApiFiles.parse(BASE.replace("components:\n",
                "  /gone:\n    get:\n      responses:\n        '200': {description: ok}\ncomponents:\n"));
        JsonNode after = OpenApiFiles.parse(BASE
                .replace("        '404': {description: none}\n", "        '409': {description: x}\n")
                .replace("required: false", "required: true")
                .replace("required: [a]", "required: [a, b]")
                .replace("n: {type: integer}", "m: {type: integer}"));

        assertThat(OpenApiCompatibility.breaks(before, after)).containsExactlyInAnyOrder(
                "/gone: path removed",
                "POST /a: response 404 removed",
                "POST /a: request body made required",
                "POST /a: request field b made required",
                "POST /a 200: response field items[].n removed");
    }

    private static final String BASE = """
            openapi: 3.1.0
            paths:
              /a:
                post:
                  requestBody:
                    required: false
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/In'}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Out'}
                    '404': {description: none}
            components:
              schemas:
                In:
                  type: object
                  required: [a]
                  properties:
                    a: {type: string}
                    b: {type: string}
                Out:
                  type: object
                  properties:
                    items:
                      type: array
                      items:
                        type: object
                        properties:
                          n: {type: integer}
            """;
}
