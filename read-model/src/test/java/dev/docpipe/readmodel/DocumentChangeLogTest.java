package dev.docpipe.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.event.RecordedEvent;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

class DocumentChangeLogTest {
    private static PGSimpleDataSource dataSource;
    private static DocumentProjector projector;
    private static DocumentChangeLog changes;

    @BeforeAll
    static void database() {
        PostgresDatabase pg = PostgresDatabase.shared();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("read_model_changes_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        projector = TestProjectors.over(dataSource);
        changes = DocumentChangeLog.over(dataSource);
    }

    @Test
    void everyAppliedEventIsOneChangeInTheChildsOrder() {
        UUID child = UUID.randomUUID();
        EventHistory a = EventHistory.registered(child).scanned().command(new ConfirmScan()).extracted();
        EventHistory b = EventHistory.registered(child).scanned();
        List<RecordedEvent> first = new ArrayList<>(a.events().subList(0, 2));
        first.addAll(b.events());
        projector.apply(first);
        projector.apply(a.events().subList(2, a.events().size()));

        List<DocumentChange> log = changes.after(child, 0, 100);

        assertThat(log).hasSize(a.events().size() + b.events().size());
        assertThat(log).extracting(DocumentChange::position).isSorted().doesNotHaveDuplicates();
        assertThat(log.stream().filter(c -> c.documentId().equals(a.documentId)).map(DocumentChange::version))
                .containsExactlyElementsOf(a.events().stream().map(RecordedEvent::version).toList());
        assertThat(log.getLast().state()).isEqualTo(a.document().state().name());
        assertThat(log.getLast().eventType()).isEqualTo(a.events().getLast().type());
        assertThat(changes.head(child)).isEqualTo(log.getLast().position());
        assertThat(changes.after(child, log.get(2).position(), 100)).isEqualTo(log.subList(3, log.size()));
        assertThat(changes.after(child, 0, 2)).isEqualTo(log.subList(0, 2));
        assertThat(changes.head(UUID.randomUUID())).isZero();
    }

    @Test
    void redeliveredAndRefoldedEventsAreNotChangesAgain() {
        UUID child = UUID.randomUUID();
        EventHistory a = EventHistory.registered(child).scanned();
        projector.apply(a.events());
        List<DocumentChange> before = changes.after(child, 0, 100);

        projector.apply(a.events());
        projector.refold(a.documentId, a.events());

        assertThat(changes.after(child, 0, 100)).isEqualTo(before);
    }

    @Test
    void theProjectorsTransactionAnnouncesEachChangedDocumentsLatestVersion() throws Exception {
        UUID child = UUID.randomUUID();
        EventHistory a = EventHistory.registered(child).scanned();
        try (Connection listener = dataSource.getConnection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + DocumentChangeLog.CHANNEL);
            }
            projector.apply(a.events());

            List<DocumentChangeLog.Notice> notices = new ArrayList<>();
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(5000);
            for (PGNotification n : received == null ? new PGNotification[0] : received) {
                notices.addAll(DocumentChangeLog.parse(n.getParameter()));
            }
            assertThat(notices).containsExactly(
                    new DocumentChangeLog.Notice(child, a.documentId, a.document().version()));
        }
    }

    @Test
    void malformedPayloadPartsAreSkipped() {
        UUID child = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        assertThat(DocumentChangeLog.parse(child + " " + doc + " 3|nonsense|" + child + " x 1"))
                .containsExactly(new DocumentChangeLog.Notice(child, doc, 3));
        assertThat(DocumentChangeLog.parse(null)).isEmpty();
    }
}
