package dev.docpipe.cli.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.Topics;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tools read docpipe.events with the model's codec: what the pipeline and the projector refuse, they refuse. */
class EventLogTest {
    private static final UUID DOC = UUID.randomUUID();
    private static final RecordedEvent REGISTERED = new RecordedEvent(UUID.randomUUID(), DOC, 1,
            Instant.parse("2026-01-05T10:00:00.123Z"), UUID.randomUUID(), new DocumentRegistered(UUID.randomUUID(),
                    "account-1", new FileRef("sha256:" + "a".repeat(64), "application/pdf", 12, "report.pdf")));

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.EVENTS, 0, 42, DOC.toString().getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void aRecordTheModelReadsIsALoggedEventWithItsAddress() {
        EventLog.Entry entry = EventLog.decode(record(ModelJson.EVENTS.encode(REGISTERED)));
        assertThat(entry).isEqualTo(new LoggedEvent(REGISTERED, 0, 42, -1, true));
    }

    /** Text PostgreSQL cannot store: the old fast decoder of the CLI accepted it, the model's codec does not. */
    @ParameterizedTest
    @ValueSource(strings = {"rep\\u0000ort.pdf", "rep\\ud800ort.pdf", "rep\\udc00ort.pdf"})
    void textTheModelRefusesIsUnreadableHereToo(String fileName) {
        String json = new String(ModelJson.EVENTS.encode(REGISTERED), StandardCharsets.UTF_8)
                .replace("\"report.pdf\"", "\"" + fileName + "\"");
        EventLog.Entry entry = EventLog.decode(record(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(entry).isInstanceOfSatisfying(Unreadable.class, u -> {
            assertThat(u.reason()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(u.offset()).isEqualTo(42);
        });
    }
}
