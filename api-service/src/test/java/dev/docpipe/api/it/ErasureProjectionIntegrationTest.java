package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.blob.BlobRef;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sealing and the projector's purge (docs/decisions/0012) on the real stack: the API seals what it sends, the
 * projector opens it into the read model, and an {@code EraseDocument} (sent as the pipeline would receive it;
 * the HTTP endpoint is tested with the whole proof elsewhere) leaves nothing of one document in PostgreSQL or the
 * blob store while a second document sharing the same uploaded file keeps everything.
 */
class ErasureProjectionIntegrationTest extends ApiIntegrationTest {
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void sealedOnEveryTopicPlainInTheReadModelAndGoneAfterErasure() throws Exception {
        String erasedPhrase = "Quokka" + UUID.randomUUID().toString().substring(0, 8);
        String keptPhrase = "Pelikan" + UUID.randomUUID().toString().substring(0, 8);
        byte[] sameFile = pdf();
        UUID erased = reviewedDocument(sameFile, erasedPhrase);
        UUID kept = reviewedDocument(sameFile, keptPhrase);

        String log = topics(Topics.COMMANDS, Topics.EVENTS, Topics.SCAN_JOBS, Topics.OCR_JOBS);
        assertThat(log).contains(erased.toString(), kept.toString()).doesNotContain(erasedPhrase, keptPhrase);
        HttpApi.Response view = api.get(docPath(erased));
        assertThat(view.body()).contains(erasedPhrase + ".pdf", "Titel " + erasedPhrase, "tag " + erasedPhrase);
        String fileRef = jdbc.sql("SELECT file ->> 'blobRef' FROM documents WHERE document_id = :id")
                .param("id", erased).query(String.class).single();
        String textRef = jdbc.sql("SELECT text_ref FROM documents WHERE document_id = :id").param("id", erased)
                .query(String.class).single();
        assertThat(database()).contains(erasedPhrase, keptPhrase);

        Command erase = new Command(UUID.randomUUID(), erased, Instant.now(), accountId.toString(),
                new EraseDocument());
        kafka.send(new ProducerRecord<>(Topics.COMMANDS, erased.toString(), ModelJson.COMMANDS.encode(erase))).get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT state FROM documents WHERE document_id = :id").param("id", erased)
                    .query(String.class).single()).isEqualTo("ERASED");
            assertThat(blobs.exists(BlobRef.parse(textRef))).isFalse();
        });

        assertThat(database()).doesNotContain(erasedPhrase, hex(erasedPhrase)).contains(keptPhrase);
        assertThat(jdbc.sql("SELECT count(*) FROM document_keys WHERE document_id = :id").param("id", erased)
                .query(Long.class).single()).isZero();
        assertThat(blobs.exists(BlobRef.parse(fileRef))).as("the file the other document shares").isTrue();
        assertThat(api.get(docPath(kept)).body()).contains(keptPhrase + ".pdf", "Titel " + keptPhrase);
        assertThat(api.get(docPath(kept) + "/text").body()).contains(keptPhrase);
    }

    /** Uploaded as {@code phrase.pdf}, its text and every review field carrying the phrase. */
    private UUID reviewedDocument(byte[] file, String phrase) {
        HttpApi.Response uploaded = api.upload("/api/v1/children/" + childId + "/documents", "file",
                phrase + ".pdf", "application/pdf", file, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
        UUID documentId = UUID.fromString(uploaded.json().path("documentId").asString());
        Job scan = workers.awaitJob(Topics.SCAN_JOBS, documentId, 1);
        workers.scanSucceeded(scan);
        awaitState(documentId, "SCANNED");
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
        workers.ocrSucceeded(workers.awaitJob(Topics.OCR_JOBS, documentId, 1), "OCR text of " + phrase);
        awaitState(documentId, "EXTRACTED");
        HttpApi.Response reviewed = api.patch(docPath(documentId) + "/review", HttpApi.json(Map.of(
                "expectedReviewVersion", 0, "patch", Map.of("title", "Titel " + phrase, "subject",
                        "Fach " + phrase, "language", "de", "tags", List.of("tag " + phrase), "correctedText",
                        "Korrigiert " + phrase))), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        return documentId;
    }

    private static String topics(String... topics) {
        StringBuilder all = new StringBuilder();
        for (String topic : topics) {
            TopicReader.readUncommitted().readAll(topic).forEach(r -> all.append(r.value()).append('\n'));
        }
        return all.toString();
    }

    /** Every row of every table in the database, as text (bytea as hex: search {@link #hex} too). */
    private String database() {
        StringBuilder all = new StringBuilder();
        for (String table : jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE'").query(String.class).list()) {
            jdbc.sql("SELECT t::text FROM \"" + table + "\" t").query(String.class).list()
                    .forEach(row -> all.append(row).append('\n'));
        }
        return all.toString();
    }

    private static String hex(String phrase) {
        return HexFormat.of().formatHex(phrase.getBytes(StandardCharsets.UTF_8));
    }
}
