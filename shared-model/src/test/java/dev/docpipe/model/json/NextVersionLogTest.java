package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.event.UnknownEvent;
import dev.docpipe.model.history.EventOrder;
import dev.docpipe.model.history.FoldStep;
import dev.docpipe.model.history.GapPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A new event type is an additive change (docs/design.md "Evolution rules"): today's reader reads the log
 * the next version writes (golden/next/events.jsonl) without a refusal, each event of a type it does not
 * know as an {@link UnknownEvent}, and folds it as a version step, so the document neither stalls at the
 * version it takes nor changes otherwise.
 */
class NextVersionLogTest {
    static final String NEXT_EVENTS = "/golden/next/events.jsonl";

    static List<byte[]> nextVersionLog() {
        try (InputStream in = NextVersionLogTest.class.getResourceAsStream(NEXT_EVENTS)) {
            if (in == null) {
                throw new IllegalStateException(NEXT_EVENTS + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eventsOfUnknownTypesAreReadAsSkippableWithTheirHeader() {
        List<RecordedEvent> events = nextVersionLog().stream().map(ModelJson.EVENTS::decode).toList();

        assertThat(events).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events).filteredOn(e -> e.event() instanceof UnknownEvent).extracting(RecordedEvent::type)
                .containsExactly("DocumentTagged", "FamilyNotified");
        RecordedEvent tagged = events.get(3);
        assertThat(tagged.eventId()).isEqualTo(UUID.fromString("00000000-0000-4000-8000-000000000104"));
        assertThat(tagged.causationId()).isEqualTo(UUID.fromString("00000000-0000-4000-8000-000000000204"));
        // a known type with a field added by the next version reads as today's record
        assertThat(events.get(6).event()).isInstanceOf(TextExtracted.class);
    }

    @Test
    void theFoldStepsOverUnknownTypesAndKeepsEverythingElse() {
        Document document = null;
        Document beforeTagged = null;
        for (byte[] bytes : nextVersionLog()) {
            RecordedEvent event = ModelJson.EVENTS.decode(bytes);
            if (event.type().equals("DocumentTagged")) {
                beforeTagged = document;
            }
            FoldStep step = EventOrder.fold(document, event, GapPolicy.HOLD);
            assertThat(step.kind()).as("%s v%d", event.type(), event.version()).isEqualTo(FoldStep.Kind.APPLIED);
            document = step.document();
            if (event.type().equals("DocumentTagged")) {
                assertThat(document).isEqualTo(withVersion(beforeTagged, beforeTagged.version() + 1));
            }
        }
        assertThat(document.version()).isEqualTo(8);
        assertThat(document.state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(document.ocr().textRef()).isEqualTo("sha256:" + "cd".repeat(32));
    }

    @Test
    void anUnknownTypeCannotStartADocument() {
        RecordedEvent tagged = ModelJson.EVENTS.decode(nextVersionLog().get(3));

        assertThat(EventOrder.fold(null, new RecordedEvent(tagged.eventId(), tagged.documentId(), 1,
                tagged.occurredAt(), tagged.causationId(), tagged.event()), GapPolicy.HOLD).kind())
                .isEqualTo(FoldStep.Kind.INVALID);
    }

    @Test
    void anUnknownTypeStillNeedsAValidHeader() {
        Wire.EVENT.rejects(Wire.EVENT.with(n -> n.put("type", "DocumentTagged").put("version", 0)),
                RejectReason.SCHEMA_VIOLATION);
        Wire.EVENT.rejects(Wire.EVENT.with(n -> n.put("type", "DocumentTagged").remove("eventId")),
                RejectReason.SCHEMA_VIOLATION);
        Wire.EVENT.rejects(Wire.EVENT.with(n -> n.put("type", "DocumentTagged").put("schemaVersion", ModelJson.EVENTS.schemaVersion() + 1)),
                RejectReason.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void aReaderThatKeepsAnUnknownEventWritesItsHeaderAndTypeAndReadsItBack() {
        RecordedEvent tagged = ModelJson.EVENTS.decode(nextVersionLog().get(3));

        byte[] kept = ModelJson.EVENTS.encode(tagged);

        assertThat(new String(kept, StandardCharsets.UTF_8)).contains("\"type\":\"DocumentTagged\"", "\"data\":{}");
        assertThat(ModelJson.EVENTS.decode(kept)).isEqualTo(tagged);
    }

    private static Document withVersion(Document d, long version) {
        return new Document(d.documentId(), d.childId(), d.owner(), d.file(), d.state(), version, d.scan(), d.ocr(),
                d.review(), d.currentJob(), d.lastFailure(), d.formerTextRefs());
    }
}
