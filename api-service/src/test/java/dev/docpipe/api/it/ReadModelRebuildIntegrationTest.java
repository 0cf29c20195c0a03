package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Guarantee 6: the read model rebuilt from docpipe.events (twice over, even) equals the live one. */
class ReadModelRebuildIntegrationTest extends ApiIntegrationTest {
    private static final String ROWS = "SELECT document_id::text, child_id::text, owner, state, version, review_version,"
            + " scan_attempt, ocr_attempt, file::text, scan::text, ocr::text, review::text, text_ref, last_failure,"
            + " aggregate::text, last_event_id::text, created_at::text, updated_at::text FROM documents"
            + " WHERE document_id IN (:ids) ORDER BY document_id";

    @Autowired
    JdbcClient live;

    @Autowired
    PersonalFields personalFields;

    @Test
    void rebuildingFromTheTopicGivesTheLiveRows() {
        UUID extracted = extractedDocument("some text");
        assertThat(api.patch(docPath(extracted) + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"T\"}}").status()).isEqualTo(200);
        UUID scanned = scannedDocument();
        UUID pending = upload();
        List<UUID> ids = List.of(extracted, scanned, pending);

        List<RecordedEvent> events = TopicReader.readCommitted().readAll(Topics.EVENTS).stream()
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();

        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource fresh = new PGSimpleDataSource();
        fresh.setUrl(pg.createDatabase("api_rebuild_" + ProcessHandle.current().pid()));
        fresh.setUser(pg.username());
        fresh.setPassword(pg.password());
        ReadModelSchema.migrate(fresh);
        // the data keys stay where they are (the live database): the rebuild opens the sealed fields with them
        DocumentProjector rebuild = DocumentProjector.over(fresh, personalFields, null);
        rebuild.apply(events);
        rebuild.apply(events); // a second pass changes nothing

        List<Map<String, Object>> liveRows = live.sql(ROWS).param("ids", ids).query().listOfRows();
        List<Map<String, Object>> rebuilt = JdbcClient.create(fresh).sql(ROWS).param("ids", ids).query().listOfRows();
        assertThat(liveRows).hasSize(3);
        assertThat(rebuilt).isEqualTo(liveRows);
    }
}
