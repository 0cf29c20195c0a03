package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.StreamsChild;
import dev.docpipe.bench.infra.Tail;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * docpipe: the client produces a {@code ConfirmScan} command to {@code docpipe.commands} (key = document id)
 * and waits, as the API does, for the command's outcome on {@code docpipe.command-outcomes}
 * (read_committed); the real {@link DocpipePipeline} (exactly_once_v2) decides it. 202 = ACCEPTED (or a
 * DUPLICATE of it), 200 = ALREADY_DONE. The OCR job is on {@code docpipe.jobs.ocr}.
 *
 * <p>{@link Mode#IN_PROCESS} runs the pipeline in this JVM; {@link Mode#CHILD_JVM} runs the Spring Boot
 * service as a child JVM so that {@link #injectCrash()} can SIGKILL it (and start it again) mid-run.
 */
public final class DocpipeApproach implements Approach {
    public enum Mode { IN_PROCESS, CHILD_JVM }

    private static final ScanReport REPORT = new ScanReport("application/pdf", 1, null, null, null, "en", true, List.of());

    private final String bootstrap;
    private final Mode mode;
    private final Duration commitInterval;
    private final int streamThreads;
    private final Duration replyTimeout;
    private final Map<String, String> streamsOverrides;
    private final String applicationId = "bench-docpipe-" + Long.toString(System.nanoTime(), 36);
    private final Path stateDir;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<UUID, ArrayDeque<CompletableFuture<CommandOutcome>>> waiting = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> acceptedConfirms = new ConcurrentHashMap<>();
    private final AtomicLong outcomes = new AtomicLong();
    private final AtomicInteger restarts = new AtomicInteger();
    private Set<UUID> documents = Set.of();
    private Tail outcomeTail;
    private DocpipePipeline pipeline;
    private volatile StreamsChild child;

    public DocpipeApproach(String bootstrap, Mode mode, Duration commitInterval, int streamThreads,
            Duration replyTimeout, Map<String, String> streamsOverrides) throws Exception {
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.bootstrap = bootstrap;
        this.mode = mode;
        this.commitInterval = commitInterval;
        this.streamThreads = streamThreads;
        this.replyTimeout = replyTimeout;
        this.stateDir = Files.createTempDirectory("docpipe-bench-streams-");
        Kafka.ensureDocpipeTopics(bootstrap);
        this.producer = Kafka.producer(bootstrap, "bench-api");
    }

    @Override
    public String name() {
        return (mode == Mode.IN_PROCESS ? "docpipe (Streams EOS, " : "docpipe (Streams child JVM, ")
                + new dev.docpipe.bench.confirm.DocpipeVariant(commitInterval, streamsOverrides).label() + ")";
    }

    @Override
    public String jobTopic() {
        return Topics.OCR_JOBS;
    }

    @Override
    public void prepare(List<UUID> docs) throws Exception {
        documents = new HashSet<>(docs);
        Kafka.startGroupAtEnd(bootstrap, applicationId, Topics.COMMANDS, Topics.JOB_RESULTS);
        outcomeTail = Tail.fromEnd(bootstrap, Topics.COMMAND_OUTCOMES, this::onOutcome);
        Set<UUID> scanned = ConcurrentHashMap.newKeySet();
        try (Tail events = Tail.fromEnd(bootstrap, Topics.EVENTS, r -> {
            UUID doc = Tail.documentId(r);
            if (doc != null && documents.contains(doc)) {
                RecordedEvent event = ModelJson.EVENTS.decode(r.value());
                if (event.type().equals("DocumentScanned")) {
                    scanned.add(doc);
                }
            }
        })) {
            startPipeline();
            // Register every document and wait for the outcomes, then report its scan as a scan worker would.
            List<CompletableFuture<CommandOutcome>> registered = new ArrayList<>();
            List<Command> registrations = new ArrayList<>();
            for (UUID doc : docs) {
                Command register = new Command(Ids.derive(doc, "register"), doc, Instant.now(), "bench-account",
                        new RegisterDocument(Ids.derive(doc, "child"), OutboxApproach.FILE));
                registrations.add(register);
                registered.add(expect(register.commandId()));
                send(register);
            }
            producer.flush();
            CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            for (Command register : registrations) {
                ScanSucceeded result = new ScanSucceeded(JobIds.forCommand(register.commandId(), JobKind.SCAN, 1),
                        register.documentId(), Instant.now(), REPORT);
                producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, result.documentId().toString(),
                        ModelJson.RESULTS.encode(result)));
            }
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (scanned.size() < docs.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + scanned.size() + " of " + docs.size() + " documents scanned");
                }
                Thread.sleep(20);
            }
        }
    }

    private void startPipeline() {
        if (mode == Mode.IN_PROCESS) {
            PipelineConfig config = new PipelineConfig(bootstrap, applicationId, stateDir, Kafka.PARTITIONS, (short) 1,
                    commitInterval, streamThreads, StreamsConfig.EXACTLY_ONCE_V2, TopologySettings.DEFAULT,
                    streamsOverrides);
            pipeline = DocpipePipeline.start(config);
        } else {
            Map<String, String> overrides = new java.util.HashMap<>(streamsOverrides);
            overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
            overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
            child = new StreamsChild(bootstrap, applicationId, stateDir, "bench-crash-instance", overrides, true)
                    .start();
        }
    }

    private CompletableFuture<CommandOutcome> expect(UUID commandId) {
        CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
        waiting.compute(commandId, (id, queue) -> {
            ArrayDeque<CompletableFuture<CommandOutcome>> q = queue == null ? new ArrayDeque<>() : queue;
            q.add(future);
            return q;
        });
        return future;
    }

    private void onOutcome(ConsumerRecord<String, byte[]> record) {
        UUID doc = Tail.documentId(record);
        if (doc == null || !documents.contains(doc)) {
            return;
        }
        CommandOutcome outcome = ModelJson.OUTCOMES.decode(record.value());
        outcomes.incrementAndGet();
        if (outcome.commandType().equals("ConfirmScan") && outcome.status() == OutcomeStatus.ACCEPTED) {
            acceptedConfirms.computeIfAbsent(doc, d -> new AtomicInteger()).incrementAndGet();
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<CommandOutcome>[] claimed = new CompletableFuture[1];
        waiting.computeIfPresent(outcome.commandId(), (id, queue) -> {
            claimed[0] = queue.poll();
            return queue.isEmpty() ? null : queue;
        });
        if (claimed[0] != null) {
            claimed[0].complete(outcome);
        }
    }

    private void send(Command command) {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command)));
    }

    @Override
    public Status confirm(Workload.Request request) throws Exception {
        Command command = new Command(request.requestId(), request.documentId(), Instant.now(), "bench-account",
                new ConfirmScan());
        CompletableFuture<CommandOutcome> answer = expect(command.commandId());
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command)), (metadata, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                    }
                });
        CommandOutcome outcome = answer.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return switch (outcome.effectiveStatus()) {
            case ACCEPTED -> Status.QUEUED_202;
            case ALREADY_DONE, IN_PROGRESS -> Status.ALREADY_200;
            case REJECTED, STALE -> Status.REFUSED_409;
            case DUPLICATE -> Status.ERROR_5XX; // effectiveStatus never is
        };
    }

    @Override
    public String injectCrash() {
        if (mode != Mode.CHILD_JVM) {
            throw new UnsupportedOperationException("crashes need the child JVM mode");
        }
        long pid = child.pid();
        child.kill9();
        long restart = System.nanoTime();
        child.start();
        restarts.incrementAndGet();
        return "SIGKILL pid %d, restarted in %.1f s".formatted(pid, (System.nanoTime() - restart) / 1e9);
    }

    @Override
    public void drain(Duration timeout) {
        // An outcome is visible only once its transaction committed, and the job is in the same transaction.
    }

    @Override
    public Map<String, Object> facts(Set<UUID> docs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("outcomes read", outcomes.get());
        facts.put("documents with one ACCEPTED confirm", acceptedConfirms.values().stream().filter(c -> c.get() == 1).count());
        facts.put("documents with >1 ACCEPTED confirm", acceptedConfirms.values().stream().filter(c -> c.get() > 1).count());
        if (restarts.get() > 0) {
            facts.put("SIGKILL + restart", restarts.get());
        }
        return facts;
    }

    @Override
    public Set<Long> externalPids() {
        StreamsChild running = child;
        return running != null && running.isAlive() ? Set.of(running.pid()) : Set.of();
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (child != null) {
            child.stop();
        }
        if (outcomeTail != null) {
            outcomeTail.close();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
