package dev.docpipe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one builder of docpipe.dlq headers, used by the pipeline, the workers and the API listeners. */
class DeadLetterTest {
    private static Map<String, String> text(Map<String, byte[]> headers) {
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, value) -> text.put(name, new String(value, StandardCharsets.UTF_8)));
        return text;
    }

    @Test
    void headersSayWhyAndWhereFromInAFixedOrder() {
        var headers = new DeadLetter("MALFORMED_JSON", "unexpected end", "docpipe.commands", 3, 42).headers();

        assertThat(text(headers)).containsExactly(
                Map.entry(DeadLetterHeaders.REASON, "MALFORMED_JSON"),
                Map.entry(DeadLetterHeaders.DETAIL, "unexpected end"),
                Map.entry(DeadLetterHeaders.SOURCE_TOPIC, "docpipe.commands"),
                Map.entry(DeadLetterHeaders.SOURCE_PARTITION, "3"),
                Map.entry(DeadLetterHeaders.SOURCE_OFFSET, "42"));
    }

    @Test
    void anUnknownSourceIsLeftOutAndAMissingDetailIsEmpty() {
        assertThat(text(new DeadLetter(DeadLetter.PROCESSING_ERROR, null, null, 0, 0).headers())).containsExactly(
                Map.entry(DeadLetterHeaders.REASON, "PROCESSING_ERROR"), Map.entry(DeadLetterHeaders.DETAIL, ""));
    }

    @Test
    void aLongDetailIsCutAndAReasonIsRequired() {
        DeadLetter letter = new DeadLetter("X", "d".repeat(5_000), "t", 0, 0);
        assertThat(letter.detail()).hasSize(DeadLetter.MAX_DETAIL + 1).endsWith("…");
        assertThatThrownBy(() -> new DeadLetter(" ", "d", "t", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
