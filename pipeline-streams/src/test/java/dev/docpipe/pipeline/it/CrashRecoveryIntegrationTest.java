package dev.docpipe.pipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.pipeline.TopicProvisioner;
import dev.docpipe.pipeline.app.PipelineApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 4: the Streams application runs as its own JVM and is killed with SIGKILL at random
 * moments while commands and results keep arriving. Read read_committed afterwards, every command
 * has exactly one outcome, every document's events are numbered 1..n without gap or repeat, and every
 * job on the job topics is named by exactly one event (none lost, none doubled).
 */
class CrashRecoveryIntegrationTest {
    static final int KILLS = 4;

    @TempDir
    Path stateDir;

    private final String bootstrap = KafkaBroker.shared().bootstrapServers();
    private final Set<UUID> documents = ConcurrentHashMap.newKeySet();
    /** How many times each commandId was sent: a retried command must have as many outcomes. */
    private final Map<UUID, Integer> sends = new ConcurrentHashMap<>();
    private final AtomicBoolean feeding = new AtomicBoolean(true);
    private final List<UUID> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void killingTheStreamsProcessNeitherLosesNorDuplicatesAnything() throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, 4, (short) 1);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(3);
        try (LiveTopics topics = new LiveTopics(bootstrap)) {
            JavaProcess pipeline = startPipeline();
            // About 100 commands/s: enough that every kill lands mid-transaction, little enough for CI.
            background.scheduleAtFixedRate(() -> feedCommands(topics), 0, 40, TimeUnit.MILLISECONDS);
            background.execute(() -> answerScanJobs(topics));

            for (int kill = 0; kill < KILLS; kill++) {
                long delay = ThreadLocalRandom.current().nextLong(1_500, 4_000);
                JavaProcess victim = pipeline;
                background.schedule(victim::kill9, delay, TimeUnit.MILLISECONDS).get();
                pipeline = startPipeline();
            }
            feeding.set(false);
            synchronized (this) { // waits for a feeding round in progress
                topics.flush();
            }

            int expectedOutcomes = sends.values().stream().mapToInt(Integer::intValue).sum();
            List<CommandOutcome> outcomes = topics.awaitRecords(Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode,
                    documents, list -> list.size() >= expectedOutcomes, Duration.ofSeconds(300));
            pipeline.stop(Duration.ofSeconds(30));
            assertThat(outcomes.size()).as("outcomes read (the pipeline caught up with every command sent)")
                    .isEqualTo(expectedOutcomes);

            verifyOneOutcomePerSend(outcomes);
            List<RecordedEvent> events = topics.events(documents);
            verifyEventsNumberedWithoutGapsOrRepeats(events);
            verifyEveryJobNamedByExactlyOneEvent(topics, events, outcomes);
        } finally {
            feeding.set(false);
            background.shutdownNow();
        }
    }

    private JavaProcess startPipeline() {
        JavaProcess process = JavaProcess.of(PipelineApplication.class)
                .jvmArgs("-Xmx512m")
                .args("--docpipe.pipeline.bootstrap-servers=" + bootstrap,
                        "--docpipe.pipeline.application-id=docpipe-it-crash",
                        "--docpipe.pipeline.state-dir=" + stateDir,
                        "--docpipe.pipeline.partitions=4",
                        "--docpipe.pipeline.instance-id=crash-test-instance",
                        // Leases longer than the test, so every job counted was caused by a command.
                        "--docpipe.pipeline.scan-lease=1h",
                        "--docpipe.pipeline.ocr-lease=1h",
                        "--server.port=0")
                .start();
        process.awaitLogLine("Started PipelineApplication", Duration.ofSeconds(120));
        return process;
    }

    /** Registers a document and confirms random ones, some confirmations sent twice (client retries). */
    private synchronized void feedCommands(LiveTopics topics) {
        FileRef file = new FileRef("sha256:" + "d".repeat(64), "application/pdf", 100, "scan.pdf");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (feeding.get()) {
            UUID documentId = UUID.randomUUID();
            documents.add(documentId);
            registered.add(documentId);
            send(topics, new Command(UUID.randomUUID(), documentId, Instant.now(), "feeder",
                    new RegisterDocument(UUID.randomUUID(), file)));
            for (int i = 0; i < 3; i++) {
                UUID target = registered.get(random.nextInt(registered.size()));
                Command confirm = new Command(UUID.randomUUID(), target, Instant.now(), "feeder", new ConfirmScan());
                send(topics, confirm);
                if (random.nextInt(4) == 0) {
                    send(topics, confirm);
                }
            }
            topics.flush();
        }
    }

    private void send(LiveTopics topics, Command command) {
        sends.merge(command.commandId(), 1, Integer::sum);
        topics.send(command);
    }

    /** A minimal scan worker: every scan job of this test's documents succeeds. */
    private void answerScanJobs(LiveTopics topics) {
        ScanReport report = new ScanReport("application/pdf", 1, null, null, null, "en", true, List.of());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "crash-test-scan-worker",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SCAN_JOBS));
            while (!Thread.currentThread().isInterrupted()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    Job job = ModelJson.JOBS.decode(record.value());
                    if (documents.contains(job.documentId())) {
                        topics.send(new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(), report));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // the test is over
        }
    }

    private void verifyOneOutcomePerSend(List<CommandOutcome> outcomes) {
        Map<UUID, Long> answered = outcomes.stream()
                .collect(Collectors.groupingBy(CommandOutcome::commandId, Collectors.counting()));
        Map<UUID, Long> sent = new HashMap<>();
        sends.forEach((id, count) -> sent.put(id, count.longValue()));
        assertThat(answered).as("outcomes per commandId = sends per commandId").isEqualTo(sent);
        // At most one accepted confirmation per document, whatever was retried or replayed after a crash.
        assertThat(outcomes.stream()
                .filter(o -> o.commandType().equals("ConfirmScan") && o.status() == OutcomeStatus.ACCEPTED)
                .collect(Collectors.groupingBy(CommandOutcome::documentId, Collectors.counting())))
                .allSatisfy((doc, accepted) -> assertThat(accepted).isEqualTo(1));
    }

    private static void verifyEventsNumberedWithoutGapsOrRepeats(List<RecordedEvent> events) {
        Map<UUID, List<Long>> versions = events.stream().collect(Collectors.groupingBy(RecordedEvent::documentId,
                Collectors.mapping(RecordedEvent::version, Collectors.toList())));
        assertThat(versions).allSatisfy((doc, seen) -> assertThat(seen)
                .as("versions of " + doc).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed()
                        .toList()));
        assertThat(events).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
    }

    private void verifyEveryJobNamedByExactlyOneEvent(
            LiveTopics topics, List<RecordedEvent> events, List<CommandOutcome> outcomes) {
        List<Job> requested = events.stream().flatMap(e -> RequestedJobs.of(e.event()).stream()).toList();
        List<Job> dispatched = new ArrayList<>(topics.jobs(Topics.SCAN_JOBS, documents));
        dispatched.addAll(topics.jobs(Topics.OCR_JOBS, documents));
        assertThat(dispatched).extracting(Job::jobId).doesNotHaveDuplicates();
        assertThat(dispatched).containsExactlyInAnyOrderElementsOf(requested);

        Map<UUID, Long> ocrPerDocument = dispatched.stream().filter(j -> j.kind().topic().equals(Topics.OCR_JOBS))
                .collect(Collectors.groupingBy(Job::documentId, Collectors.counting()));
        assertThat(ocrPerDocument).allSatisfy((doc, count) -> assertThat(count).isEqualTo(1));
        Set<UUID> confirmed = outcomes.stream()
                .filter(o -> o.commandType().equals("ConfirmScan") && o.status() == OutcomeStatus.ACCEPTED)
                .map(CommandOutcome::documentId).collect(Collectors.toSet());
        assertThat(ocrPerDocument.keySet()).isEqualTo(confirmed);
        assertThat(confirmed).as("the run reached OCR for many documents").hasSizeGreaterThan(20);
    }

}
