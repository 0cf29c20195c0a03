package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.event.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * After the rolling upgrade, the next version's readers read the whole log, written by both versions. Here
 * the next version is a test-only version 4 of events (every envelope gains a required {@code subject},
 * derived from the document id by its upcaster): its reader, built from today's layout with the real v1→v2
 * and v2→v3 steps and the test's v3→v4 step, reads every golden v1, v2 and v3 record, the next version's
 * additive log (golden/next: optional fields, unknown types) and the v4 records it writes itself, each as
 * today's reader reads the same event; today's reader refuses the v4 records (a newer major, to the DLQ).
 */
class NextMajorVersionReaderTest {
    /** Version 3 → 4 (test only): {@code subject} names the document, as the CloudEvents header does. */
    static final class SubjectNamesTheDocument implements Upcaster {
        @Override
        public int fromVersion() {
            return 3;
        }

        @Override
        public void upcast(ObjectNode record) {
            if (!record.has("subject") && record.get("documentId") != null) {
                record.put("subject", "documents/" + record.get("documentId").stringValue());
            }
        }
    }

    private static final Codec<RecordedEvent> NEXT_READER = new WireCodec<>(new EventLayout(),
            SchemaHistory.of(new EventHistory.RegisteredOwnerIsAnAccountId(), new PersonalFieldsSealed(2),
                    new SubjectNamesTheDocument()));

    /** What the next version writes: today's record at version 4, with the new envelope field. */
    private static byte[] writtenByNext(byte[] v2) {
        ObjectNode record = (ObjectNode) Wire.PLAIN.readTree(v2);
        record.put("schemaVersion", 4);
        record.put("subject", "documents/" + record.get("documentId").stringValue());
        return Wire.PLAIN.writeValueAsBytes(record);
    }

    @Test
    void theNextReaderReadsTheWholeMixedLogAsTodaysReaderReadsEachEvent() {
        List<byte[]> today = new ArrayList<>();
        today.addAll(GoldenRecords.EVENTS.committed(1));
        today.addAll(GoldenRecords.EVENTS.committed(2));
        today.addAll(GoldenRecords.EVENTS.committed(3));
        today.addAll(NextVersionLogTest.nextVersionLog());
        assertThat(NEXT_READER.schemaVersion()).isEqualTo(4);

        for (byte[] record : today) {
            RecordedEvent asToday = ModelJson.EVENTS.decode(record);
            assertThat(NEXT_READER.decode(record)).isEqualTo(asToday);
            if (!"1".equals(Wire.PLAIN.readTree(record).get("schemaVersion").asString())) {
                assertThat(NEXT_READER.decode(writtenByNext(record))).isEqualTo(asToday);
            }
        }
    }

    @Test
    void todaysReaderRefusesWhatTheNextMajorWrites() {
        byte[] v3 = writtenByNext(GoldenRecords.EVENTS.committed(3).getFirst());

        Wire.EVENT.rejects(v3, RejectReason.UNSUPPORTED_SCHEMA_VERSION);
    }
}
