package dev.docpipe.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1 against a real broker: 32 threads confirm 50 scanned documents 6,400 times, with
 * repeated command ids mixed in; read_committed readers see one OCR job and one ACCEPTED per document.
 */
class ConcurrentConfirmIntegrationTest {
    static final int DOCUMENTS = 50;
    static final int THREADS = 32;
    static final int SENDS_PER_THREAD = 200;

    @TempDir
    Path stateDir;

    @Test
    void concurrentConfirmationsEmitExactlyOneOcrJobPerDocument() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        // Leases far longer than the test: on a loaded machine an OCR lease of the test default could
        // expire and rightly re-issue the job, which is not what this test counts.
        PipelineConfig base = PipelineConfig.forTests(bootstrap, "docpipe-it-confirm", stateDir);
        PipelineConfig config = base.withTopology(new TopologySettings(
                new LeasePolicy(Duration.ofHours(1), Duration.ofHours(1), 3), base.topology().commandIdRetention(),
                base.topology().maxRememberedCommands(), base.topology().leaseCheckInterval()));
        try (DocpipePipeline pipeline = DocpipePipeline.start(config); LiveTopics topics = new LiveTopics(bootstrap)) {
            List<UUID> documents = scannedDocuments(topics);
            Set<UUID> own = new HashSet<>(documents);

            List<Command> sent = new CopyOnWriteArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    senders.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < SENDS_PER_THREAD; i++) {
                            Command command = !sent.isEmpty() && random.nextInt(100) < 30
                                    ? sent.get(random.nextInt(sent.size())) // a client retry: same commandId
                                    : new Command(UUID.randomUUID(), documents.get(random.nextInt(DOCUMENTS)),
                                            Instant.now(), "account-" + t(random), new ConfirmScan());
                            sent.add(command);
                            topics.send(command);
                        }
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            }
            topics.flush();
            int total = THREADS * SENDS_PER_THREAD;

            List<CommandOutcome> outcomes = topics.awaitRecords(Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode,
                            own, list -> confirms(list).size() >= total, Duration.ofSeconds(120))
                    .stream().filter(o -> o.commandType().equals("ConfirmScan")).toList();
            assertThat(outcomes).hasSize(total);

            Map<UUID, List<CommandOutcome>> accepted = outcomes.stream()
                    .filter(o -> o.status() == OutcomeStatus.ACCEPTED)
                    .collect(Collectors.groupingBy(CommandOutcome::documentId));
            assertThat(accepted).hasSize(DOCUMENTS).allSatisfy((doc, list) -> assertThat(list).hasSize(1));
            assertThat(outcomes).extracting(CommandOutcome::status)
                    .containsOnly(OutcomeStatus.ACCEPTED, OutcomeStatus.ALREADY_DONE, OutcomeStatus.DUPLICATE);
            // A repeated commandId is answered DUPLICATE while remembered (the newest ids per document),
            // and ALREADY_DONE by content once forgotten: never a second ACCEPTED.
            Map<UUID, List<CommandOutcome>> byCommand =
                    outcomes.stream().collect(Collectors.groupingBy(CommandOutcome::commandId));
            assertThat(byCommand.values()).allSatisfy(answers -> {
                assertThat(answers.getFirst().status()).isNotEqualTo(OutcomeStatus.DUPLICATE);
                assertThat(answers.subList(1, answers.size())).allSatisfy(d -> assertThat(d.status())
                        .isIn(OutcomeStatus.DUPLICATE, OutcomeStatus.ALREADY_DONE));
            });
            assertThat(outcomes).filteredOn(o -> o.status() == OutcomeStatus.DUPLICATE).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.originalStatus()).isIn(OutcomeStatus.ACCEPTED, OutcomeStatus.ALREADY_DONE));
            assertThat(byCommand.size()).isLessThan(total); // duplicates were really sent

            List<Job> ocrJobs = topics.jobs(Topics.OCR_JOBS, own);
            assertThat(ocrJobs).hasSize(DOCUMENTS);
            assertThat(ocrJobs).extracting(Job::documentId).containsExactlyInAnyOrderElementsOf(documents);
            assertThat(ocrJobs).extracting(Job::jobId).containsExactlyInAnyOrderElementsOf(
                    accepted.values().stream().map(list -> list.getFirst().jobIds().getFirst()).toList());
        }
    }

    private static int t(ThreadLocalRandom random) {
        return random.nextInt(THREADS);
    }

    private static List<CommandOutcome> confirms(List<CommandOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.commandType().equals("ConfirmScan")).toList();
    }

    /** Registers documents and answers their scan jobs, as a scan worker would: all end SCANNED. */
    private static List<UUID> scannedDocuments(LiveTopics topics) {
        List<UUID> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            UUID documentId = UUID.randomUUID();
            documents.add(documentId);
            topics.send(new Command(UUID.randomUUID(), documentId, Instant.now(), "account-1",
                    new RegisterDocument(UUID.randomUUID(),
                            new FileRef("sha256:" + "c".repeat(64), "image/png", 10, "page.png"))));
        }
        topics.flush();
        Set<UUID> own = new HashSet<>(documents);
        List<Job> scans = topics.awaitRecords(Topics.SCAN_JOBS, ModelJson.JOBS::decode, own,
                list -> list.size() >= DOCUMENTS, Duration.ofSeconds(60));
        assertThat(scans).hasSize(DOCUMENTS);
        ScanReport report = new ScanReport("image/png", 1, 1200, 1600, 300, "en", false, List.of());
        scans.forEach(job -> topics.send(new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(), report)));
        topics.flush();
        List<RecordedEvent> scanned = topics.awaitRecords(Topics.EVENTS, ModelJson.EVENTS::decode, own,
                list -> list.stream().filter(e -> e.type().equals("DocumentScanned")).count() >= DOCUMENTS,
                Duration.ofSeconds(60));
        assertThat(scanned).filteredOn(e -> e.type().equals("DocumentScanned")).hasSize(DOCUMENTS);
        return documents;
    }
}
