package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.LogCapture;
import dev.docpipe.api.support.PhraseSearch;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18, "the proof", on the real stack (real broker, PostgreSQL, pipeline, projector and API in this JVM;
 * the test plays the workers, so it decides what the OCR text is). Documents whose file name, file content,
 * OCR text and review carry unique phrases go through scan, confirmation, extraction and review; some are
 * erased: one by DELETE, one whose file is the same bytes as a kept document of another family (one shared
 * blob), one whose OCR job was still running when the erasure arrived, and one with its whole child (whose
 * name is a phrase too). Then every byte docpipe controls is searched for every phrase: every partition of
 * every topic from offset 0 (changelogs and DLQ included, aborted records too), every column of every table
 * of the database, the blob store, the Streams state directory (read with the pipeline stopped: a clean close
 * flushes the stores to their files) and the log lines of this JVM.
 *
 * <p>Erased documents' phrases: found nowhere. Kept documents' phrases: still readable where a family reads
 * them (the read model's plaintext columns, the blob store), and on no topic and in no state store either,
 * because personal fields are sealed before they reach one. Lives in api-service because this is where the
 * whole stack runs in one JVM with workers the test controls; replay-cli's audit and rebuild-projection
 * commands are not reachable from here (replay-cli's tests depend on api-service), so the rebuild is checked
 * with the projector rebuild-projection itself uses.
 */
class ErasureProofIntegrationTest extends ApiIntegrationTest {
    private static final String ROWS = "SELECT document_id::text, child_id::text, owner, state, version, review_version,"
            + " scan_attempt, ocr_attempt, file::text, scan::text, ocr::text, review::text, text_ref, last_failure,"
            + " aggregate::text, last_event_id::text, created_at::text, updated_at::text FROM documents"
            + " WHERE document_id IN (:ids) ORDER BY document_id";

    @Autowired
    DataSource database;

    @Autowired
    PersonalFields personalFields;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** One document's phrases: each field a person wrote or the document contains carries its own. */
    record Phrases(String fileName, String content, String ocrText, String title, String subject, String tag,
            String correctedText) {
        List<String> all() {
            return List.of(fileName, content, ocrText, title, subject, tag, correctedText);
        }

        /** What the read model keeps in plain text for its family (file and OCR text live in the blob store). */
        List<String> readModel() {
            return List.of(fileName, title, subject, tag, correctedText);
        }

        List<String> blobs() {
            return List.of(content, ocrText);
        }

        byte[] file() {
            return ("%PDF-1.7\n% " + content + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Phrases phrases(String document) {
        String p = "zq" + run + document;
        return new Phrases(p + "file", p + "content", p + "ocr", p + "title", p + "subject", p + "tag", p + "corrected");
    }

    /** A document of one child, as its family's client sees it. */
    record Doc(HttpApi api, UUID childId, UUID documentId) {
        String path() {
            return "/api/v1/children/" + childId + "/documents/" + documentId;
        }
    }

    @Test
    void afterErasureNoPhraseOfAnErasedDocumentIsLeftAnywhereAndTheKeptOnesAreReadable() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            Family other = newFamily();
            String childName = "zq" + run + "childname";
            HttpApi.Response created = api.post("/api/v1/children", "{\"name\":\"" + childName + "\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            UUID erasedChild = UUID.fromString(created.json().path("childId").asString());

            Phrases kept1 = phrases("kept1");
            Phrases erased1 = phrases("erased1");
            Phrases erased2 = phrases("erased2");
            // the same bytes as erased2's file: one blob in the content-addressed store, two documents
            Phrases kept2 = withContent(phrases("kept2"), erased2.content());
            Phrases erased3 = phrases("erased3");
            Phrases erased4 = phrases("erased4");

            Doc k1 = reviewed(api, childId, kept1);
            Doc e1 = reviewed(api, childId, erased1);
            Doc e2 = reviewed(api, childId, erased2);
            Doc k2 = reviewed(other.api(), other.childId(), kept2);
            Doc e4 = reviewed(api, erasedChild, erased4);

            // erased3: its OCR job is running when the erasure arrives; the result comes after it
            Doc e3 = scanned(api, childId, erased3);
            assertThat(api.post(e3.path() + "/confirm-scan", null).status()).isEqualTo(202);
            Job ocr = workers.awaitJob(Topics.OCR_JOBS, e3.documentId(), 1);

            for (Doc erased : List.of(e1, e2, e3)) {
                HttpApi.Response r = api.delete(erased.path());
                assertThat(r.status()).as(r.toString()).isEqualTo(204);
            }
            HttpApi.Response childErased = api.delete("/api/v1/children/" + erasedChild);
            assertThat(childErased.status()).as(childErased.toString()).isEqualTo(204);

            StoredBlob lateText = blobs.putText("late text " + erased3.ocrText());
            workers.report(new OcrSucceeded(ocr.jobId(), e3.documentId(), Instant.now(), lateText.ref().value(),
                    20, "tesseract", "5.3.0"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !blobs.exists(lateText.ref()));

            for (Doc erased : List.of(e1, e2, e3, e4)) {
                assertThat(erased.api().get(erased.path()).code()).isEqualTo("DOCUMENT_ERASED");
            }

            List<String> erasedPhrases = new ArrayList<>();
            Stream.of(erased1, erased3, erased4).forEach(p -> erasedPhrases.addAll(p.all()));
            erasedPhrases.addAll(erased2.all().stream().filter(p -> !p.equals(erased2.content())).toList());
            erasedPhrases.add(childName);
            List<String> keptPhrases = new ArrayList<>(kept1.all());
            keptPhrases.addAll(kept2.all());
            List<String> every = Stream.concat(erasedPhrases.stream(), keptPhrases.stream()).toList();
            // the control: the kept document's file ref is no personal field, so it is on the events topic and
            // in its stored value; finding it shows a search reads real data
            String k1FileRef = "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(kept1.file()));
            PhraseSearch search = new PhraseSearch(Stream.concat(every.stream(), Stream.of(k1FileRef)).toList());
            TestStack stack = TestStack.get();

            // blobs are deleted after the projector's transaction commits: wait for the last one
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(search.directory(stack.blobDir).only(erasedPhrases)).isEmpty());

            // docpipe's debug lines reach the captured log
            String probe = "zq" + run + "logprobe";
            LoggerFactory.getLogger("dev.docpipe.proof").debug("probe {}", probe);
            assertThat(new PhraseSearch(List.of(probe)).lines(logs.lines()).of(probe)).hasSize(1);

            PhraseSearch.Hits topics = search.topics(stack.bootstrapServers);
            PhraseSearch.Hits tables = search.database(database);
            PhraseSearch.Hits blobStore = search.directory(stack.blobDir);
            // the stores' files, with the pipeline stopped so that they hold everything the stores hold
            PhraseSearch.Hits stateStores = stack.withPipelineStopped(() -> search.directory(stack.stateDir));
            PhraseSearch.Hits logLines = search.lines(logs.lines());

            assertThat(topics.of(k1FileRef)).as("the topics hold the documents").isNotEmpty();
            assertThat(topics.only(every)).as("phrases on topics (erased or kept: personal fields are sealed)")
                    .isEmpty();
            assertThat(stateStores.of(k1FileRef)).as("the stores' files hold the documents").isNotEmpty();
            assertThat(stateStores.only(every)).as("phrases in the Streams state directory").isEmpty();
            assertThat(tables.only(erasedPhrases)).as("erased phrases in PostgreSQL").isEmpty();
            assertThat(blobStore.only(erasedPhrases)).as("erased phrases in the blob store").isEmpty();
            assertThat(logLines.only(erasedPhrases)).as("erased phrases in the logs").isEmpty();

            for (Phrases p : List.of(kept1, kept2)) {
                for (String phrase : p.readModel()) {
                    assertThat(tables.of(phrase)).as("kept %s in PostgreSQL", phrase)
                            .anyMatch(place -> place.startsWith("\"public\".\"documents\""));
                }
                for (String phrase : p.blobs()) {
                    assertThat(blobStore.of(phrase)).as("kept %s in the blob store", phrase).isNotEmpty();
                }
            }
            // and readable through the API by their families
            HttpApi.Response k1View = api.get(k1.path());
            assertThat(k1View.json().path("review").path("title").asString()).isEqualTo(kept1.title());
            assertThat(k1View.json().path("file").path("fileName").asString()).contains(kept1.fileName());
            assertThat(other.api().get(k2.path() + "/text").body()).isEqualTo(kept2.correctedText());
            assertThat(other.api().get(k2.path()).json().path("review").path("tags").get(0).asString())
                    .isEqualTo(kept2.tag());

            rebuildingTheReadModelGivesTheSameRowsAndNoErasedPhrase(List.of(k1, k2, e1, e2, e3, e4), search,
                    erasedPhrases);
        }
    }

    /** Guarantee 6 across erasure: the read model folded again from docpipe.events equals the live one. */
    private void rebuildingTheReadModelGivesTheSameRowsAndNoErasedPhrase(List<Doc> docs, PhraseSearch search,
            List<String> erasedPhrases) {
        List<UUID> ids = docs.stream().map(Doc::documentId).toList();
        List<RecordedEvent> events = TopicReader.readCommitted().readAll(Topics.EVENTS).stream()
                .filter(r -> ids.contains(UUID.fromString(r.key())))
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource fresh = new PGSimpleDataSource();
        fresh.setUrl(pg.createDatabase("api_erasure_rebuild_" + ProcessHandle.current().pid()));
        fresh.setUser(pg.username());
        fresh.setPassword(pg.password());
        ReadModelSchema.migrate(fresh);
        // the data keys stay where they are (the live database), as for rebuild-projection: an erased
        // document's key is gone, so its sealed fields open to nothing; no blob is touched by a rebuild
        DocumentProjector.over(fresh, personalFields, null).apply(events);

        List<Map<String, Object>> live = jdbc.sql(ROWS).param("ids", ids).query().listOfRows();
        List<Map<String, Object>> rebuilt = JdbcClient.create(fresh).sql(ROWS).param("ids", ids).query().listOfRows();
        assertThat(live).hasSize(docs.size());
        assertThat(rebuilt).isEqualTo(live);
        assertThat(search.database(fresh).only(erasedPhrases)).as("erased phrases in the rebuilt read model")
                .isEmpty();
    }

    private static Phrases withContent(Phrases p, String content) {
        return new Phrases(p.fileName(), content, p.ocrText(), p.title(), p.subject(), p.tag(), p.correctedText());
    }

    private Doc scanned(HttpApi client, UUID child, Phrases p) {
        HttpApi.Response r = client.uploadFile(child, p.fileName() + ".pdf", p.file());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        Doc doc = new Doc(client, child, UUID.fromString(r.json().path("documentId").asString()));
        workers.scanSucceeded(workers.awaitJob(Topics.SCAN_JOBS, doc.documentId(), 1));
        awaitState(doc, "SCANNED");
        return doc;
    }

    /** Scanned, confirmed, extracted (OCR text with its phrase) and reviewed (every review field a phrase). */
    private Doc reviewed(HttpApi client, UUID child, Phrases p) {
        Doc doc = scanned(client, child, p);
        assertThat(client.post(doc.path() + "/confirm-scan", null).status()).isEqualTo(202);
        workers.ocrSucceeded(workers.awaitJob(Topics.OCR_JOBS, doc.documentId(), 1), "text " + p.ocrText());
        awaitState(doc, "EXTRACTED");
        HttpApi.Response review = client.patch(doc.path() + "/review", HttpApi.json(Map.of(
                "expectedReviewVersion", 0,
                "patch", Map.of("title", p.title(), "subject", p.subject(), "language", "de",
                        "tags", List.of(p.tag()), "correctedText", p.correctedText()))));
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        return doc;
    }

    private static void awaitState(Doc doc, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            HttpApi.Response r = doc.api().get(doc.path());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("state").asString()).isEqualTo(state);
        });
    }
}
