package dev.docpipe.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints docs/openapi.yaml with the field's linter, Redocly CLI, on its recommended rules: no error may
 * remain. Needs node's npx on the PATH (the first run fetches the pinned version from npm); without it the
 * test is skipped and says so.
 */
class OpenApiLintTest {
    static final String REDOCLY = "@redocly/cli@2.77.0";

    @Test
    void theCommittedDescriptionHasNoLintErrors() throws IOException, InterruptedException {
        assumeTrue(onPath("npx"), "npx is not on the PATH: docs/openapi.yaml is not linted (install Node.js to lint it)");

        Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "docs/openapi.yaml", "--format=stylish")
                .directory(OpenApiFiles.REPOSITORY.toFile()).redirectErrorStream(true).start();
        lint.getOutputStream().close();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();

        assertThat(lint.exitValue()).as("npx %s lint docs/openapi.yaml:%n%s", REDOCLY, output).isZero();
        assertThat(output).as(output).contains("valid");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }
}
