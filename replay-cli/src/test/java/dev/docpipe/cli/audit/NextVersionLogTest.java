package dev.docpipe.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.cli.fold.DocumentFold;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.DocumentState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The operator tools of today on the log the next version writes (shared-model's golden/next/events.jsonl:
 * optional fields and event types today's code does not know): the fold reads every record, steps over the
 * unknown types and reaches the end of the log, and the audit finds nothing wrong.
 */
class NextVersionLogTest {
    /** The golden next-version log, committed once in shared-model (Maven runs each module's tests in its own directory). */
    private static final Path NEXT_EVENTS = Path.of("../shared-model/src/test/resources/golden/next/events.jsonl");

    private static List<EventLog.Entry> entries() throws IOException {
        List<String> lines = Files.readAllLines(NEXT_EVENTS, StandardCharsets.UTF_8);
        List<EventLog.Entry> entries = new ArrayList<>();
        for (int offset = 0; offset < lines.size(); offset++) {
            String documentId = lines.get(offset).replaceAll(".*\"documentId\":\"([^\"]+)\".*", "$1");
            entries.add(EventLog.decode(new ConsumerRecord<>(Topics.EVENTS, 0, offset,
                    documentId.getBytes(StandardCharsets.UTF_8), lines.get(offset).getBytes(StandardCharsets.UTF_8))));
        }
        return entries;
    }

    @Test
    void theFoldReadsEveryRecordAndReachesTheEndOfTheLog() throws IOException {
        DocumentFold fold = new DocumentFold();
        entries().forEach(fold::accept);

        assertThat(fold.unreadable()).isZero();
        assertThat(fold.events()).isEqualTo(8);
        FoldedDocument document = fold.documents().values().iterator().next();
        assertThat(document.version()).isEqualTo(8);
        assertThat(document.document().state()).isEqualTo(DocumentState.EXTRACTED);
    }

    @Test
    void theAuditPassesAndCountsTheUnknownTypesUnderTheirOwnNames() throws IOException {
        List<Violation> violations = new ArrayList<>();
        Auditor auditor = new Auditor(Instant.parse("2025-03-01T11:00:00Z"), Duration.ofMinutes(5), violations::add);
        for (EventLog.Entry entry : entries()) {
            assertThat(entry).isInstanceOf(LoggedEvent.class);
            auditor.onEvent((LoggedEvent) entry);
        }
        auditor.finish();

        assertThat(violations).isEmpty();
        assertThat(auditor.counts().eventTypes).containsEntry("DocumentTagged", 1L).containsEntry("FamilyNotified", 1L);
    }
}
