package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docpipe.blob.StoredBlob;
import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import dev.docpipe.testsupport.TopicReader;
import dev.docpipe.workers.WorkersApplication;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process dies with {@code kill -9} in the middle of an OCR job. Nothing else notices at
 * once: its job offset stays uncommitted and no result is written. The pipeline's lease does the
 * rest: when the job's deadline passes it records {@code JobLeaseExpired} and dispatches the intent
 * again under a new job id; the next worker skips the expired original, runs the new job, and its
 * result is the one accepted. The document ends {@code EXTRACTED} with exactly one extraction.
 *
 * <p>The real pipeline runs in this JVM, the first worker in a child JVM (so it can be killed), the
 * second in this JVM; all against the shared test broker.
 */
class WorkerKilledMidJobTest {
    private static final Duration OCR_LEASE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void theLeaseReissuesTheJobAndExactlyOneResultIsAccepted(@TempDir Path stateDir) throws Exception {
        assumeTrue(WorkerFixture.tesseractInstalled(), "SKIPPED: the job must run for seconds to be killed mid-way, "
                + "which needs tesseract (apt-get install -y tesseract-ocr tesseract-ocr-eng)");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Path blobDir = Files.createTempDirectory("workers-lease-test");
        String groupSuffix = UUID.randomUUID().toString();
        // Two partitions: the topics other tests of this module already created have two.
        PipelineConfig config = PipelineConfig.forTests(bootstrap, "lease-test-" + groupSuffix, stateDir)
                .withPartitions(2)
                .withTopology(new TopologySettings(new LeasePolicy(Duration.ofMinutes(2), OCR_LEASE, 3),
                        Duration.ofHours(24), 32, Duration.ofMillis(200)));
        UUID documentId = UUID.randomUUID();

        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                KafkaProducer<String, byte[]> commands = commandProducer(bootstrap)) {
            var page = TestDocuments.scannedPage(List.of("Field trip on Friday", "Bring a packed lunch"));
            FileRef file = store(blobDir, TestDocuments.imageOnlyPdf(List.of(page, page)));

            UUID firstOcrJob;
            try (JavaProcess doomed = JavaProcess.of(WorkersApplication.class).jvmArgs("-XX:TieredStopAtLevel=1")
                    .args(workerArgs(bootstrap, blobDir, groupSuffix, "docpipe.ocr.render-dpi=300"))
                    .start()) {
                send(commands, documentId, new RegisterDocument(UUID.randomUUID(), file));
                awaitEvents(bootstrap, documentId, events -> has(events, DocumentScanned.class), "scanned");
                send(commands, documentId, new ConfirmScan());

                doomed.awaitLogLine("(OCR, attempt 1) started", WAIT);
                doomed.kill9();
                firstOcrJob = only(eventsOf(bootstrap, documentId), OcrRequested.class).job().jobId();
            }
            assertThat(KafkaJobs.resultsFor(firstOcrJob)).as("the killed job reported nothing").isEmpty();

            List<RecordedEvent> reissued = awaitEvents(bootstrap, documentId,
                    events -> count(events, OcrRequested.class) == 2, "the OCR job re-issued after its lease");
            assertThat(only(reissued, JobLeaseExpired.class).jobId()).isEqualTo(firstOcrJob);
            OcrRequested second = all(reissued, OcrRequested.class).get(1);
            assertThat(second.issue()).isEqualTo(2);

            try (WorkerApp ignored = WorkerApp.start(blobDir,
                    workerProperties(groupSuffix, "docpipe.ocr.render-dpi=150", "docpipe.worker.scan.enabled=false"))) {
                List<RecordedEvent> done = awaitEvents(bootstrap, documentId,
                        events -> has(events, TextExtracted.class), "text extracted");

                assertThat(only(done, TextExtracted.class).jobId()).isEqualTo(second.job().jobId());
                assertThat(fold(done).state()).isEqualTo(DocumentState.EXTRACTED);
                assertThat(KafkaJobs.resultsFor(second.job().jobId())).hasSize(1);
                assertThat(KafkaJobs.resultsFor(firstOcrJob)).as("the expired original was skipped").isEmpty();
            }
        }
    }

    private static String[] workerArgs(String bootstrap, Path blobDir, String groupSuffix, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "spring.kafka.bootstrap-servers=" + bootstrap,
                "docpipe.blob.dir=" + blobDir,
                "docpipe.worker.instance-id=doomed-" + groupSuffix,
                "spring.main.banner-mode=off",
                "server.port=0"));
        args.addAll(List.of(workerProperties(groupSuffix, extra)));
        return args.stream().map(a -> "--" + a).toArray(String[]::new);
    }

    /**
     * Own consumer groups (jobs of other tests in this module are not this test's business), and a
     * short session so the killed member's partitions move on in seconds rather than 45 s.
     */
    private static String[] workerProperties(String groupSuffix, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "docpipe.worker.scan.group-id=lease-test-scan-" + groupSuffix,
                "docpipe.worker.ocr.group-id=lease-test-ocr-" + groupSuffix,
                "spring.kafka.consumer.properties.session.timeout.ms=6000",
                "spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
        properties.addAll(List.of(extra));
        return properties.toArray(String[]::new);
    }

    private static FileRef store(Path blobDir, byte[] content) throws Exception {
        StoredBlob blob = new WorkerFixture(blobDir).blobs().put(new ByteArrayInputStream(content), content.length);
        return new FileRef(blob.ref().value(), "application/pdf", content.length, "field-trip.pdf");
    }

    private static KafkaProducer<String, byte[]> commandProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, UUID documentId, CommandPayload payload)
            throws Exception {
        Command command = new Command(UUID.randomUUID(), documentId, Instant.now(), "parent-1", payload);
        producer.send(new ProducerRecord<>(Topics.COMMANDS, documentId.toString(),
                ModelJson.COMMANDS.encode(command))).get();
    }

    private static List<RecordedEvent> awaitEvents(String bootstrap, UUID documentId,
            Predicate<List<RecordedEvent>> done, String what) {
        List<RecordedEvent> events = decode(TopicReader.readCommitted(bootstrap).readUntil(Topics.EVENTS,
                records -> done.test(decode(records, documentId)), WAIT), documentId);
        assertThat(done.test(events)).as("%s; events so far: %s", what, events).isTrue();
        return events;
    }

    private static List<RecordedEvent> eventsOf(String bootstrap, UUID documentId) {
        return decode(TopicReader.readCommitted(bootstrap).readAll(Topics.EVENTS), documentId);
    }

    private static List<RecordedEvent> decode(
            List<ConsumerRecord<String, String>> records, UUID documentId) {
        return records.stream().filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static Document fold(List<RecordedEvent> events) {
        Document document = null;
        for (RecordedEvent event : events) {
            document = Document.evolve(document, event.documentId(), event.event());
        }
        return document;
    }

    private static boolean has(List<RecordedEvent> events, Class<?> type) {
        return count(events, type) > 0;
    }

    private static long count(List<RecordedEvent> events, Class<?> type) {
        return events.stream().filter(e -> type.isInstance(e.event())).count();
    }

    private static <T> List<T> all(List<RecordedEvent> events, Class<T> type) {
        return events.stream().map(RecordedEvent::event).filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> T only(List<RecordedEvent> events, Class<T> type) {
        List<T> matching = all(events, type);
        assertThat(matching).as("%s events in %s", type.getSimpleName(), events).hasSize(1);
        return matching.getFirst();
    }
}
