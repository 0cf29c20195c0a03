package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.blob.StoredBlob;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import dev.docpipe.workers.observability.DashboardQueries;
import dev.docpipe.workers.observability.ExportedMetricsCatalog;
import dev.docpipe.workers.observability.PrometheusScrape;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * The metric names under {@code deploy/} against what the services really export: the real
 * pipeline-streams service and the real workers run in this JVM against the shared broker, a
 * document goes through scan and OCR (plus a duplicate command, an unreadable command and a stale
 * result, so every pipeline counter exists), and both are scraped over HTTP.
 *
 * <p>It checks the committed catalog ({@code deploy/prometheus/exported-metrics.txt}) that the
 * fast {@code DashboardMetricsTest} relies on: its pipeline-streams and workers lines must be
 * exactly the queried names these live scrapes have. Run with {@code -Ddocpipe.write-metric-catalog=true}
 * to rewrite those lines from the scrapes after changing a dashboard or an alert.
 */
class ExportedMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExportedByARunningService(@TempDir Path stateDir) throws Exception {
        Path blobDir = Files.createTempDirectory("workers-metrics-test");
        WorkerFixture files = new WorkerFixture(blobDir);
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        UUID documentId = UUID.randomUUID();
        String unreadableKey = UUID.randomUUID().toString();

        try (PipelineApp pipeline = PipelineApp.start("metrics-test-" + UUID.randomUUID(), stateDir);
                WorkerApp workers = WorkerApp.start(blobDir);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new ByteArraySerializer())) {
            Command register = command(documentId, new RegisterDocument(UUID.randomUUID(),
                    store(files, TestDocuments.pdfWithText("Parents evening", "Thursday 6pm"))));
            send(producer, register);
            send(producer, register); // same commandId: a duplicate
            awaitEvents(bootstrap, documentId, events -> has(events, DocumentScanned.class), "scanned");
            send(producer, command(documentId, new ConfirmScan()));
            awaitEvents(bootstrap, documentId, events -> has(events, TextExtracted.class), "text extracted");
            StoredBlob text = files.blobs().putText("late");
            producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, documentId.toString(), ModelJson.RESULTS.encode(
                    new OcrSucceeded(UUID.randomUUID(), documentId, Instant.now(), text.ref().value(), 4, "pdfbox",
                            "1")))).get();
            producer.send(new ProducerRecord<>(Topics.COMMANDS, unreadableKey,
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            awaitEvents(bootstrap, documentId, events -> has(events, StaleJobResultIgnored.class), "stale result");
            TopicReader.readCommitted(bootstrap).readUntil(Topics.DLQ,
                    r -> r.stream().anyMatch(x -> unreadableKey.equals(x.key())), WAIT);

            PrometheusScrape pipelineScrape = PrometheusScrape.of(pipeline.actuator() + "/prometheus");
            PrometheusScrape workersScrape = PrometheusScrape.of(workers.actuator() + "/prometheus");
            Files.writeString(Path.of("target", "pipeline-streams-prometheus.txt"), pipelineScrape.text());
            Files.writeString(Path.of("target", "workers-prometheus-e2e.txt"), workersScrape.text());

            DashboardQueries queries = DashboardQueries.load(ExportedMetricsCatalog.deployDir());
            Map<String, Set<String>> queried = queries.metricNames();
            assertThat(queried).as("metric names queried under deploy/").isNotEmpty();
            Set<String> livePipeline = live(queried.keySet(), pipelineScrape);
            Set<String> liveWorkers = live(queried.keySet(), workersScrape);

            ExportedMetricsCatalog catalog = ExportedMetricsCatalog.load();
            if (Boolean.getBoolean("docpipe.write-metric-catalog")) {
                catalog = catalog.with("pipeline-streams", livePipeline).with("workers", liveWorkers);
                catalog.write();
            }
            assertThat(catalog.names("pipeline-streams")).as("catalog lines of pipeline-streams (rewrite with "
                    + "-Ddocpipe.write-metric-catalog=true)").containsExactlyInAnyOrderElementsOf(livePipeline);
            assertThat(catalog.names("workers")).as("catalog lines of workers (rewrite with "
                    + "-Ddocpipe.write-metric-catalog=true)").containsExactlyInAnyOrderElementsOf(liveWorkers);

            Set<String> missing = new TreeSet<>(queried.keySet());
            missing.removeAll(livePipeline);
            missing.removeAll(liveWorkers);
            missing.removeAll(catalog.names("api-service"));
            missing.removeAll(DashboardQueries.PROMETHEUS_SYNTHETIC);
            assertThat(missing).as("queried under deploy/ but exported by no service (where: %s)", queried).isEmpty();

            // The business counters the dashboards are about really moved.
            assertThat(pipelineScrape.value("docpipe_pipeline_duplicates_total", Map.of())).isGreaterThanOrEqualTo(1);
            assertThat(pipelineScrape.value("docpipe_pipeline_dlq_total", Map.of())).isGreaterThanOrEqualTo(1);
            assertThat(pipelineScrape.value("docpipe_pipeline_results_stale_total", Map.of())).isGreaterThanOrEqualTo(1);
            assertThat(workersScrape.value("docpipe_worker_job_turnaround_seconds_count", Map.of("kind", "ocr")))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static Set<String> live(Set<String> queried, PrometheusScrape scrape) {
        Set<String> live = new TreeSet<>(queried);
        live.retainAll(scrape.names());
        return live;
    }

    private static FileRef store(WorkerFixture files, byte[] content) throws Exception {
        StoredBlob blob = files.blobs().put(new ByteArrayInputStream(content), content.length);
        return new FileRef(blob.ref().value(), "application/pdf", content.length, "letter.pdf");
    }

    private static Command command(UUID documentId, CommandPayload payload) {
        return new Command(UUID.randomUUID(), documentId, Instant.now(), "parent-1", payload);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Command command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command))).get();
    }

    private static void awaitEvents(String bootstrap, UUID documentId, Predicate<List<RecordedEvent>> done,
            String what) {
        List<ConsumerRecord<String, String>> records = TopicReader.readCommitted(bootstrap).readUntil(Topics.EVENTS,
                r -> done.test(decode(r, documentId)), WAIT);
        assertThat(done.test(decode(records, documentId))).as("%s; events: %s", what, decode(records, documentId))
                .isTrue();
    }

    private static List<RecordedEvent> decode(List<ConsumerRecord<String, String>> records, UUID documentId) {
        return records.stream().filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static boolean has(List<RecordedEvent> events, Class<?> type) {
        return events.stream().anyMatch(e -> type.isInstance(e.event()));
    }
}
