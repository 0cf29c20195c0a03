package dev.docpipe.api.waiting.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.api.changes.ChangeEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

class EventLoopChangeSinkTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventLoopChangeSink sink = new EventLoopChangeSink(json);

    @Test
    void writesServerSentEventLinesAsSpringsEmitterDoes() throws IOException {
        UUID documentId = UUID.fromString("5d0c1c1e-2a7a-4f55-8f0a-7a3e6b9c1d22");
        ChangeEvent event = new ChangeEvent(42, documentId, 3, "SCANNED", "ScanSucceeded",
                Instant.parse("2026-12-06T10:00:00Z"), "/api/v1/children/c/documents/" + documentId);

        sink.open(Duration.ofSeconds(2), "changes of child c");
        sink.send(event);
        sink.comment("heartbeat");
        sink.complete();

        List<String> lines = sink.lines().collectList().block(Duration.ofSeconds(5));
        assertThat(lines).containsExactly(
                "retry:2000\n:changes of child c\n\n",
                "id:42\ndata:" + json.writeValueAsString(event) + "\n\n",
                ":heartbeat\n\n");
    }

    @Test
    void aSendAfterTheClientLeftThrowsSoTheStreamEnds() throws IOException {
        sink.open(Duration.ofSeconds(2), "hello");
        Disposable client = sink.lines().subscribe();
        client.dispose();

        assertThatThrownBy(() -> sink.comment("heartbeat")).isInstanceOf(IOException.class);
    }
}
