package dev.docpipe.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ReadModelSchema;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Part of a rolling upgrade on a real broker: while the pipeline of today's code runs, half of the API and
 * worker instances are already on a "next version" that adds optional fields to commands and job results
 * (in the envelope and nested). Their records interleave with today's; the pipeline reads them all, dead-
 * letters none, and every document reaches EXTRACTED; the next version's pipeline then records an event of a
 * type today's code does not know, and today's projector folds the log, with every other event in the next
 * version's form (extra fields), into EXTRACTED rows at the end of their logs. (Today's worker on the next
 * version's jobs: workers' NextVersionJobsKafkaTest; not in this run, see docs/design.md "Evolution rules".)
 */
class RollingUpgradeIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 6;

    @TempDir
    Path stateDir;

    @Test
    void recordsOfTheNextVersionInterleaveWithTodaysAndNothingIsDeadLettered() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        List<UUID> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(UUID.randomUUID());
        }
        Set<UUID> own = new HashSet<>(documents);
        try (DocpipePipeline pipeline = DocpipePipeline.start(PipelineConfig.forTests(bootstrap, "docpipe-it-rolling", stateDir));
                KafkaProducer<String, byte[]> producer = LiveDocument.producer(bootstrap)) {
            for (int i = 0; i < DOCUMENTS; i++) {
                UUID documentId = documents.get(i);
                send(producer, i, Topics.COMMANDS, documentId, ModelJson.COMMANDS.encode(new Command(UUID.randomUUID(),
                        documentId, Instant.now(), "account-9", new RegisterDocument(UUID.randomUUID(),
                                new FileRef("sha256:" + "a".repeat(64), "image/png", 10, "page.png")))));
            }
            ScanReport report = new ScanReport("image/png", 1, 1200, 1600, 300, "de", false, List.of());
            List<Job> scans = await(bootstrap, Topics.SCAN_JOBS, ModelJson.JOBS::decode, own, DOCUMENTS);
            for (int i = 0; i < scans.size(); i++) {
                Job job = scans.get(i);
                send(producer, i, Topics.JOB_RESULTS, job.documentId(), ModelJson.RESULTS.encode(
                        new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(), report)));
            }
            await(bootstrap, Topics.EVENTS, ModelJson.EVENTS::decode, own, 3 * DOCUMENTS); // registered, requested, scanned
            for (int i = 0; i < DOCUMENTS; i++) {
                send(producer, i + 1, Topics.COMMANDS, documents.get(i), ModelJson.COMMANDS.encode(new Command(
                        UUID.randomUUID(), documents.get(i), Instant.now(), "account-9", new ConfirmScan())));
            }
            List<Job> ocrs = await(bootstrap, Topics.OCR_JOBS, ModelJson.JOBS::decode, own, DOCUMENTS);
            for (int i = 0; i < ocrs.size(); i++) {
                Job job = ocrs.get(i);
                send(producer, i + 1, Topics.JOB_RESULTS, job.documentId(), ModelJson.RESULTS.encode(new OcrSucceeded(
                        job.jobId(), job.documentId(), Instant.now(), "sha256:" + "b".repeat(64), 77, "tesseract", "5.3.0")));
            }

            List<RecordedEvent> events = await(bootstrap, Topics.EVENTS, ModelJson.EVENTS::decode, own, 6 * DOCUMENTS);
            assertThat(events).filteredOn(e -> e.type().equals("TextExtracted")).extracting(RecordedEvent::documentId)
                    .containsExactlyInAnyOrderElementsOf(documents);
            List<CommandOutcome> outcomes = await(bootstrap, Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode, own,
                    2 * DOCUMENTS);
            assertThat(outcomes).extracting(CommandOutcome::status).containsOnly(OutcomeStatus.ACCEPTED);
            assertThat(own(TopicReader.readCommitted(bootstrap).readAll(Topics.DLQ), own)).isEmpty();

            // the next version's pipeline, now the documents' writer, records an event of a type today's code
            // does not know (an additive change: same schemaVersion)
            for (int i = 0; i < DOCUMENTS; i++) {
                LiveDocument.sendEvent(producer, documents.get(i), "DocumentTagged", documentTagged(documents.get(i), 7));
            }
            await(bootstrap, Topics.EVENTS, ModelJson.EVENTS::decode, own, 7 * DOCUMENTS);

            // today's projector folds the log as a mix of today's events and the next version's form of them,
            // stepping over the new type: every row at the end of its log, none held at a gap
            List<ConsumerRecord<String, String>> log = own(TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS), own);
            DocumentProjector projector = projector();
            for (int i = 0; i < log.size(); i++) {
                byte[] value = nextVersionEveryOther(i, log.get(i).value().getBytes(StandardCharsets.UTF_8));
                projector.apply(ModelJson.EVENTS.decode(value));
            }
            assertThat(projector.all()).filteredOn(row -> own.contains(row.documentId())).hasSize(DOCUMENTS)
                    .allSatisfy(row -> {
                        assertThat(row.document().state()).isEqualTo(DocumentState.EXTRACTED);
                        assertThat(row.document().version()).isEqualTo(7);
                    });
            assertThat(own(TopicReader.readCommitted(bootstrap).readAll(Topics.DLQ), own)).isEmpty();
        }
    }

    /** An event of a type only the next version knows, as it would write it. */
    private static byte[] documentTagged(UUID documentId, long version) {
        ObjectNode event = JSON.createObjectNode().put("schemaVersion", ModelJson.EVENTS.schemaVersion())
                .put("type", "DocumentTagged").put("eventId", UUID.randomUUID().toString())
                .put("documentId", documentId.toString()).put("version", version)
                .put("occurredAt", Instant.now().toString()).put("causationId", UUID.randomUUID().toString());
        event.putObject("data").put("taggedBy", "account-9").putArray("tags").add("school");
        return JSON.writeValueAsBytes(event);
    }

    private static DocumentProjector projector() {
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("rolling_upgrade_" + System.nanoTime() % 100000));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        ReadModelSchema.migrate(dataSource);
        return DocumentProjector.over(dataSource);
    }

    /** Every other record as the next version writes it: an extra optional field at the top and one level down. */
    private static void send(KafkaProducer<String, byte[]> producer, int index, String topic, UUID documentId, byte[] today) {
        LiveDocument.send(producer, topic, documentId, nextVersionEveryOther(index, today));
    }

    private static byte[] nextVersionEveryOther(int index, byte[] today) {
        if (index % 2 == 0) {
            return today;
        }
        ObjectNode next = (ObjectNode) JSON.readTree(today);
        next.put("traceId", "next-" + index);
        next.properties().stream().filter(e -> e.getValue() instanceof ObjectNode).findFirst()
                .ifPresent(e -> ((ObjectNode) e.getValue()).put("addedInNextVersion", true));
        return JSON.writeValueAsBytes(next);
    }

    private static <T> List<T> await(String bootstrap, String topic, Function<byte[], T> decode, Set<UUID> own, int count) {
        List<ConsumerRecord<String, String>> records = TopicReader.readCommitted(bootstrap)
                .readUntil(topic, all -> own(all, own).size() >= count, Duration.ofSeconds(90));
        return own(records, own).stream().map(r -> decode.apply(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static List<ConsumerRecord<String, String>> own(List<ConsumerRecord<String, String>> records, Set<UUID> own) {
        return records.stream().filter(r -> r.key() != null && own.stream().anyMatch(d -> d.toString().equals(r.key())))
                .toList();
    }
}
