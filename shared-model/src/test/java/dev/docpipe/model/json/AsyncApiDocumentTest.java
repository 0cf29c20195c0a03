package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml stays in step with the code: it names every topic, and its payloads are exactly the
 * published schemas of today's versions (a new record type or version without its message fails here).
 * The document itself parses with @asyncapi/parser 3.6.6 (checked by hand, see docs/design.md).
 */
class AsyncApiDocumentTest {
    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");
    private static final Pattern SCHEMA_REF = Pattern.compile("\\$ref: '\\.\\./shared-model/src/main/resources/schemas/([^']+)'");

    @Test
    void everyTopicIsAChannel() throws IOException {
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        for (String topic : Set.of(Topics.COMMANDS, Topics.JOB_RESULTS, Topics.EVENTS, Topics.SCAN_JOBS, Topics.OCR_JOBS,
                Topics.COMMAND_OUTCOMES, Topics.DLQ)) {
            assertThat(text).as("channel of %s", topic).contains("address: " + topic + "\n");
        }
    }

    @Test
    void thePayloadsAreThePublishedSchemas() throws IOException {
        Set<String> referenced = new TreeSet<>();
        Matcher refs = SCHEMA_REF.matcher(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
        while (refs.find()) {
            referenced.add(refs.group(1));
        }

        assertThat(referenced).isEqualTo(ContractSchemas.generate().keySet());
    }
}
