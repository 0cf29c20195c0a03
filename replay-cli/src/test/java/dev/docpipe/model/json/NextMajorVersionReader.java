package dev.docpipe.model.json;

import dev.docpipe.model.event.RecordedEvent;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test-only next major version of the event reader (version 3: every envelope gains a required
 * {@code subject}), as shared-model's NextMajorVersionReaderTest builds it, for replay-cli's rolling-upgrade
 * test. It lives in shared-model's package because the codec's parts are package-private there: a reader is
 * built only from a layout and its schema history.
 */
public final class NextMajorVersionReader {
    /** Version 2 → 3 (test only): {@code subject} names the document, as the CloudEvents header does. */
    static final class SubjectNamesTheDocument implements Upcaster {
        @Override
        public int fromVersion() {
            return 2;
        }

        @Override
        public void upcast(ObjectNode record) {
            if (!record.has("subject") && record.get("documentId") != null) {
                record.put("subject", "documents/" + record.get("documentId").stringValue());
            }
        }
    }

    private NextMajorVersionReader() {}

    /** Today's event history (v1 → v2) plus the test's v2 → v3 step. */
    public static Codec<RecordedEvent> events() {
        return new WireCodec<>(new EventLayout(),
                SchemaHistory.of(new EventHistory.RegisteredOwnerIsAnAccountId(), new SubjectNamesTheDocument()));
    }
}
