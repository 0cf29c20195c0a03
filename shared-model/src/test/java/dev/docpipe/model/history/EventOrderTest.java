package dev.docpipe.model.history;

import static dev.docpipe.model.document.TestData.DOC;
import static dev.docpipe.model.document.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.TestData;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.history.FoldStep.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventOrderTest {
    /** Registered, scan requested, scanned, confirmed, OCR requested, extracted: versions 1..6. */
    private static final List<RecordedEvent> LOG = recorded(TestData.historyIn(DocumentState.EXTRACTED));

    private static List<RecordedEvent> recorded(List<DocumentEvent> events) {
        List<RecordedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(new RecordedEvent(UUID.nameUUIDFromBytes(new byte[] {(byte) i}), DOC, i + 1L,
                    T0.plusSeconds(i), TestData.HISTORY_CAUSE, events.get(i)));
        }
        return List.copyOf(out);
    }

    private static Document foldAll(List<RecordedEvent> events, GapPolicy gaps) {
        Document d = null;
        for (RecordedEvent e : events) {
            d = EventOrder.fold(d, e, gaps).document();
        }
        return d;
    }

    @Test
    void theNextVersionIsAppliedUnderEitherPolicy() {
        for (GapPolicy policy : GapPolicy.values()) {
            Document d = foldAll(LOG, policy);
            assertThat(d.version()).isEqualTo(LOG.size());
            assertThat(d.state()).isEqualTo(DocumentState.EXTRACTED);
            assertThat(EventOrder.fold(foldAll(LOG.subList(0, 2), policy), LOG.get(2), policy).kind())
                    .isEqualTo(Kind.APPLIED);
        }
    }

    @Test
    void anEventAtOrBelowTheVersionIsADuplicateAndChangesNothing() {
        Document d = foldAll(LOG.subList(0, 3), GapPolicy.HOLD);
        for (RecordedEvent old : LOG.subList(0, 3)) {
            FoldStep step = EventOrder.fold(d, old, GapPolicy.FOLD_OVER);
            assertThat(step.kind()).isEqualTo(Kind.DUPLICATE);
            assertThat(step.document()).isSameAs(d);
        }
    }

    @Test
    void holdLeavesTheDocumentAtTheLastContiguousVersion() {
        Document d = foldAll(LOG.subList(0, 2), GapPolicy.HOLD);
        FoldStep step = EventOrder.fold(d, LOG.get(3), GapPolicy.HOLD);
        assertThat(step.kind()).isEqualTo(Kind.GAP_HELD);
        assertThat(step.kind().applied()).isFalse();
        assertThat(step.document()).isSameAs(d);
        // the first event missing: nothing is folded at all
        assertThat(EventOrder.fold(null, LOG.get(1), GapPolicy.HOLD).kind()).isEqualTo(Kind.GAP_HELD);
    }

    @Test
    void foldOverAppliesTheEventKeepingItsOwnVersion() {
        Document d = foldAll(LOG.subList(0, 3), GapPolicy.FOLD_OVER);
        FoldStep step = EventOrder.fold(d, LOG.get(4), GapPolicy.FOLD_OVER); // v4 (confirmed) missing
        assertThat(step.kind()).isEqualTo(Kind.GAP_FOLDED_OVER);
        assertThat(step.kind().applied()).isTrue();
        assertThat(step.document().version()).isEqualTo(5);
        // the next one follows directly: the missing event is reported once, not for every later one
        assertThat(EventOrder.fold(step.document(), LOG.get(5), GapPolicy.FOLD_OVER).kind()).isEqualTo(Kind.APPLIED);
    }

    @Test
    void anEventTheFoldRefusesIsInvalidWithItsReason() {
        FoldStep step = EventOrder.fold(null, LOG.get(1), GapPolicy.FOLD_OVER); // not a registration
        assertThat(step.kind()).isEqualTo(Kind.INVALID);
        assertThat(step.document()).isNull();
        assertThat(step.error()).contains("DocumentRegistered");
        RecordedEvent secondRegistration = new RecordedEvent(UUID.randomUUID(), DOC, 2, T0, TestData.HISTORY_CAUSE,
                TestData.registered());
        assertThat(EventOrder.fold(foldAll(LOG.subList(0, 1), GapPolicy.HOLD), secondRegistration, GapPolicy.HOLD)
                .kind()).isEqualTo(Kind.INVALID);
    }
}
