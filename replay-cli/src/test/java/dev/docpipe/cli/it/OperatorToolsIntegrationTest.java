package dev.docpipe.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.cli.Cli;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's tools against a live docpipe: real broker, the pipeline in-process, a live projector
 * into real PostgreSQL, workers answering jobs. The tests run in order on one system: the read-only
 * tools first, then the ones that send, then the ones that corrupt the system on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorToolsIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 12;
    private static final int CONFIRMED = 10;

    @TempDir
    Path tmp;

    private LiveSystem system;
    private Cli cli;
    private final List<UUID> docs = new ArrayList<>();
    private UUID rescanned;
    private UUID supersededScanJob;

    @BeforeAll
    void startSystemWithHistory(@TempDir Path stateDir) {
        system = LiveSystem.start("operator_tools", stateDir);
        cli = system.cli();
        List<Command> registrations = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            UUID id = UUID.randomUUID();
            docs.add(id);
            registrations.add(system.register(id));
        }
        system.sendAndAwait(registrations);
        system.awaitStates(Set.copyOf(docs), EnumSet.of(DocumentState.SCANNED));

        // One document is scanned again; a late result of its first scan job is then ignored as stale.
        rescanned = docs.getLast();
        supersededScanJob = JobIds.forCommand(registrations.getLast().commandId(), JobKind.SCAN, 1);
        system.sendAndAwait(List.of(system.command(rescanned, new Rescan(1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.document(rescanned).scan().attempt() == 2
                && system.document(rescanned).state() == DocumentState.SCANNED);
        system.send(Topics.JOB_RESULTS, rescanned.toString(), ModelJson.RESULTS.encode(new ScanSucceeded(
                supersededScanJob, rescanned, Instant.now(), new ScanReport("image/png", 1, 1, 1, 1, null, false,
                        List.of()))));

        // Ten documents are confirmed (one confirmation sent twice, one repeated under a new id).
        List<Command> confirmations = new ArrayList<>();
        for (int i = 0; i < CONFIRMED; i++) {
            confirmations.add(system.command(docs.get(i), new ConfirmScan()));
        }
        system.sendAndAwait(confirmations);
        system.sendAndAwait(List.of(confirmations.getFirst(), system.command(docs.get(1), new ConfirmScan())));
        system.awaitStates(Set.copyOf(docs.subList(0, CONFIRMED)), EnumSet.of(DocumentState.EXTRACTED));
        system.sendAndAwait(List.of(
                system.command(docs.get(0), new EditReview(0, new ReviewPatch("Maths test", "maths", "de",
                        List.of("term-1"), null))),
                system.command(docs.get(1), new ValidateReview(0))));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.events().stream()
                .anyMatch(e -> e.event() instanceof StaleJobResultIgnored));
        system.awaitReadModelCaughtUp();
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void historyShowsEveryCommandJobAndResultAndTheStateAtAnyPoint() throws Exception {
        Cli.Run run = cli.run("history", rescanned.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("RegisterDocument by account-1 -> ACCEPTED DOCUMENT_REGISTERED",
                "Rescan(supersedes attempt 1) by account-1 -> ACCEPTED SCAN_QUEUED", "ScanRequested: SCAN job",
                "DocumentScanned", "StaleJobResultIgnored: ScanSucceeded of job " + supersededScanJob,
                "late result: ScanSucceeded ignored", "state at v6", ": SCANNED");
        assertThat(run.err()).isEmpty();

        Cli.Run early = cli.run("history", rescanned.toString(), "--at", "v2");
        assertThat(early.exitCode()).as(early.toString()).isZero();
        assertThat(early.out()).contains("as of v2", "state at v2", "SCAN_PENDING").doesNotContain("Rescan(");

        JsonNode json = JSON.readTree(cli.run("history", docs.get(1).toString(), "--json").out());
        assertThat(json.get("state").get("state").asString()).isEqualTo("VALIDATED");
        assertThat(json.get("jobs")).hasSize(2);
        assertThat(json.get("timeline").findValuesAsString("type"))
                .contains("ConfirmScan", "OcrRequested", "TextExtracted", "ValidateReview", "DocumentValidated");
        assertThat(json.toString()).contains("ALREADY_DONE"); // the second confirmation's decision and reason

        Cli.Run unknown = cli.run("history", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.firstErrLine()).contains("not found");
    }

    @Test
    @Order(2)
    void auditPassesOnTheLiveSystem() throws Exception {
        Cli.Run run = cli.run("audit");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("PASSED", "OK          at most one OCR job per confirmation");

        JsonNode report = JSON.readTree(cli.run("audit", "--json").out());
        assertThat(report.get("violationCount").asLong()).isZero();
        assertThat(report.get("documents").asLong()).isEqualTo(DOCUMENTS);
        assertThat(report.get("jobs").get("ocrRequested").asLong()).isEqualTo(CONFIRMED);
        assertThat(report.get("jobs").get("scanRequested").asLong()).isEqualTo(DOCUMENTS + 1);
        assertThat(report.get("jobs").get("ocrRecords").asLong()).isEqualTo(CONFIRMED);
        assertThat(report.get("results").get("stale").asLong()).isEqualTo(1);
        assertThat(report.get("readModel").get("equal").asLong()).isEqualTo(DOCUMENTS);
    }

    @Test
    @Order(3)
    void redrivingEveryProcessedCommandEmitsNoNewJob() throws Exception {
        int scanJobs = system.jobs(Topics.SCAN_JOBS).size();
        int ocrJobs = system.jobs(Topics.OCR_JOBS).size();
        long commands = system.outcomes().stream().map(CommandOutcome::commandId).count();

        JsonNode predicted = JSON.readTree(cli.run("redrive", "--from", "earliest", "--to", "latest", "--dry-run",
                "--json").out());
        assertThat(predicted.get("newJobs").asLong()).isZero();
        assertThat(predicted.get("commands").asLong()).isEqualTo(commands);
        JsonNode byTime = JSON.readTree(cli.run("redrive", "--from", "2000-01-01", "--to", "2100-01-01", "--dry-run",
                "--json").out());
        assertThat(byTime.get("commands").asLong()).isEqualTo(commands);

        Cli.Run run = cli.run("redrive", "--from", "earliest", "--to", "latest", "--json", "--fail-on-new-jobs");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("commands").asLong()).isEqualTo(commands);
        assertThat(report.get("missingOutcomes").asLong()).isZero();
        assertThat(report.get("newJobs").asLong()).isZero();
        assertThat(report.get("newEvents").asLong()).isZero();
        // Every accepted command is remembered for the whole retention, so within it a redrive answers DUPLICATE;
        // commands redriven after their ids are forgotten are decided by content (DocumentDecider's tests).
        assertThat(report.get("outcomes").propertyNames()).allMatch(status -> !status.startsWith("ACCEPTED"))
                .anyMatch(status -> status.startsWith("DUPLICATE"));

        // read_committed, after every redriven command was answered: no job was added
        assertThat(system.jobs(Topics.SCAN_JOBS)).hasSize(scanJobs);
        assertThat(system.jobs(Topics.OCR_JOBS)).hasSize(ocrJobs);
        Cli.Run audit = cli.run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
    }

    @Test
    @Order(4)
    void rebuildProjectionOnTheLiveSystemEqualsTheLiveTablesWhileReadsGoOn() throws Exception {
        Map<UUID, DocumentRow> before = system.readModel();
        DocumentQueries queries = DocumentQueries.over(system.dataSource);
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        List<Throwable> readErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        DocumentRow sample = before.get(docs.getFirst());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (reading.get()) {
                try {
                    assertThat(queries.find(sample.childId(), sample.documentId())).isPresent();
                    queries.page(sample.childId(), 0, 10);
                    reads.incrementAndGet();
                } catch (Throwable t) {
                    readErrors.add(t);
                }
            }
        });
        Cli.Run run = cli.run("rebuild-projection", "--json");
        reading.set(false);
        reader.get();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("comparison").get("equal").asBoolean()).as(run.out()).isTrue();
        assertThat(report.get("swapped").asBoolean()).isTrue();
        assertThat(report.get("documents").asLong()).isEqualTo(DOCUMENTS);
        assertThat(report.get("eventsRead").asLong()).isEqualTo(system.events().size());
        assertThat(readErrors).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(system.readModel()).isEqualTo(before);

        // The live projector now writes into the rebuilt table.
        system.sendAndAwait(List.of(system.command(docs.get(0), new EditReview(1, new ReviewPatch(null, null, null,
                null, "corrected")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.document(docs.get(0)).review().version() == 2);
        assertThat(system.projectorFailure()).isNull();
        Cli.Run audit = cli.run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();

        Cli.Run text = cli.run("rebuild-projection", "--no-swap");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("EQUAL", "not swapped");
    }

    @Test
    @Order(5)
    void backfillResumesFromItsProgressMarker() throws Exception {
        Path marker = tmp.resolve("backfill.progress");
        Cli.Run all = cli.run("backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2",
                "--dry-run", "--progress-file", marker.toString());
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("eligible " + CONFIRMED, "would send " + CONFIRMED + " command(s)");

        List<UUID> eligible = docs.subList(0, CONFIRMED).stream().sorted(Comparator.comparing(UUID::toString)).toList();
        Files.writeString(marker, "run=backfill/v2/" + yesterday() + "/" + tomorrow() + "\nlastDocumentId="
                + eligible.get(5) + "\nsent=6\ncomplete=false\nupdatedAt=" + Instant.now() + "\n");
        Cli.Run resumed = cli.run("backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2",
                "--dry-run", "--progress-file", marker.toString());
        assertThat(resumed.out()).contains("resumed after document " + eligible.get(5), "would send 4 command(s)");
    }

    @Test
    @Order(6)
    void twoConcurrentBackfillsEmitExactlyOneOcrJobPerEligibleDocument() throws Exception {
        String[] args = {"backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2", "--rate",
            "200", "--wait", "60s", "--json"};
        CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> cli.run(args));
        CompletableFuture<Cli.Run> second = CompletableFuture.supplyAsync(() -> system.cliWithoutDb().run(
                "backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2", "--rate", "200",
                "--progress-file", tmp.resolve("second.progress").toString(), "--json"));
        Cli.Run a = first.get();
        Cli.Run b = second.get();
        assertThat(a.exitCode()).as(a.toString()).isZero();
        assertThat(b.exitCode()).as(b.toString()).isZero();
        JsonNode waited = JSON.readTree(a.out());
        assertThat(waited.get("sent").asLong()).isEqualTo(CONFIRMED);
        assertThat(waited.get("missingOutcomes").asLong()).isZero();
        assertThat(waited.get("outcomes").propertyNames()).isNotEmpty()
                .allMatch(s -> s.matches("(ACCEPTED OCR_QUEUED|DUPLICATE OCR_QUEUED|IN_PROGRESS OCR_IN_PROGRESS"
                        + "|ALREADY_DONE ENGINE_VERSION_CURRENT|DUPLICATE .*)"));
        assertThat(JSON.readTree(b.out()).get("sent").asLong()).isEqualTo(CONFIRMED);
        assertThat(JSON.readTree(b.out()).get("source").asString()).isEqualTo("events");

        Set<UUID> eligible = Set.copyOf(docs.subList(0, CONFIRMED));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> eligible.stream()
                .allMatch(id -> "v2".equals(system.document(id).ocr().engineVersion())));
        // the backfill's command ids: (document, engine version, the OCR attempt it saw: 1, the confirm's)
        Set<UUID> backfillCommands = eligible.stream().map(id -> Ids.derive(id, "backfill/v2/1"))
                .collect(Collectors.toSet());
        List<CommandOutcome> outcomes = system.awaitRecords(Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode,
                list -> list.stream().filter(o -> backfillCommands.contains(o.commandId())).count() >= 2L * CONFIRMED)
                .stream().filter(o -> backfillCommands.contains(o.commandId())).toList();
        assertThat(outcomes).hasSize(2 * CONFIRMED);
        assertThat(outcomes).filteredOn(o -> o.status() == OutcomeStatus.ACCEPTED).hasSize(CONFIRMED)
                .extracting(CommandOutcome::documentId).containsExactlyInAnyOrderElementsOf(eligible);

        Map<UUID, List<Job>> v2Jobs = system.jobs(Topics.OCR_JOBS).stream()
                .filter(j -> "v2".equals(j.engineVersion())).collect(Collectors.groupingBy(Job::documentId));
        assertThat(v2Jobs.keySet()).containsExactlyInAnyOrderElementsOf(eligible);
        assertThat(v2Jobs.values()).allSatisfy(jobs -> assertThat(jobs).hasSize(1));

        system.awaitReadModelCaughtUp();
        Cli.Run again = cli.run("backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("eligible 0", "already at v2 or newer " + CONFIRMED, "sent 0 command(s)");
        Cli.Run audit = cli.run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
    }

    /**
     * An operator erases on request: one document, then every document of a child; a rerun erases nothing
     * twice; history shows the erased document without a personal field; the audit passes and counts the
     * plain-text personal fields these test records were written with.
     */
    @Test
    @Order(7)
    void eraseOnRequestIsIdempotentAndLeavesNoPersonalFieldInHistory() throws Exception {
        UUID reviewed = docs.get(0);
        Cli.Run erase = cli.run("erase", "--document", reviewed.toString(), "--operator", "dpo");
        assertThat(erase.exitCode()).as(erase.toString()).isZero();
        assertThat(erase.out()).contains("as operator:dpo", reviewed + " -> ACCEPTED DOCUMENT_ERASED");

        Cli.Run again = cli.run("erase", "--document", reviewed.toString(), "--operator", "dpo");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains(reviewed + " -> DUPLICATE DOCUMENT_ERASED");

        UUID other = docs.get(5);
        UUID child = system.document(other).childId();
        Cli.Run byChild = cli.run("erase", "--child", child.toString(), "--operator", "dpo", "--json");
        assertThat(byChild.exitCode()).as(byChild.toString()).isZero();
        JsonNode report = JSON.readTree(byChild.out());
        assertThat(report.get("erasures")).singleElement().satisfies(e -> {
            assertThat(e.get("documentId").asString()).isEqualTo(other.toString());
            assertThat(e.get("outcome").asString()).isEqualTo("ACCEPTED DOCUMENT_ERASED");
        });

        CommandOutcome refused = system.sendAndAwait(List.of(system.command(reviewed, new ConfirmScan()))).values()
                .iterator().next();
        assertThat(refused.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(refused.reason().name()).isEqualTo("DOCUMENT_ERASED");

        Cli.Run history = cli.run("history", reviewed.toString());
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains("DocumentErased", ": ERASED", "erased: file name, review and texts destroyed",
                "EraseDocument by operator:dpo -> ACCEPTED DOCUMENT_ERASED")
                .doesNotContain("Maths test", "report.pdf", "term-1");
        assertThat(cli.run("history", reviewed.toString(), "--json").out())
                .doesNotContain("Maths test", "report.pdf", "term-1");

        system.awaitReadModelCaughtUp();
        Cli.Run audit = cli.run("audit", "--json");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        JsonNode auditReport = JSON.readTree(audit.out());
        assertThat(auditReport.get("violationCount").asLong()).isZero();
        assertThat(auditReport.get("documentsByState").get("ERASED").asLong()).isEqualTo(2);
        assertThat(auditReport.get("personalFields").get("legacyPlaintext").asLong()).isPositive();
        assertThat(cli.run("audit").out()).contains("legacy plaintext personal fields",
                "OK          nothing happens to an erased document");
    }

    @Test
    @Order(8)
    void deadLettersCanBeListedShownAndReplayedAfterAFix() throws Exception {
        UUID unknown = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        system.send(Topics.JOB_RESULTS, unknown.toString(), ModelJson.RESULTS.encode(new ScanSucceeded(jobId, unknown,
                Instant.now(), new ScanReport("image/png", 1, null, null, null, null, null, List.of()))));
        system.send(Topics.COMMANDS, "not-a-document", "this is not JSON".getBytes());
        system.awaitRecords(Topics.DLQ, bytes -> bytes, list -> list.size() >= 2);

        Cli.Run list = cli.run("dlq", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("UNKNOWN_DOCUMENT", "MALFORMED_JSON", "docpipe.job-results/", unknown.toString());
        JsonNode listed = JSON.readTree(cli.run("dlq", "list", "--reason", "UNKNOWN_DOCUMENT", "--json").out());
        assertThat(listed.get("records")).hasSize(1);
        JsonNode record = listed.get("records").get(0);
        String address = record.get("partition").asInt() + ":" + record.get("offset").asLong();

        Cli.Run show = cli.run("dlq", "show", address);
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("reason   UNKNOWN_DOCUMENT", "dlq.source.topic = docpipe.job-results",
                "\"jobId\"", jobId.toString());

        // The fix: the document the result belongs to now exists. Replayed, the result reaches the pipeline,
        // which judges it (its job is not the document's current one: recorded as stale).
        system.sendAndAwait(List.of(system.register(unknown)));
        Cli.Run replay = cli.run("dlq", "replay", address);
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains(address + " (UNKNOWN_DOCUMENT) -> docpipe.job-results: sent");
        await().atMost(Duration.ofSeconds(30)).until(() -> system.events().stream()
                .anyMatch(e -> e.documentId().equals(unknown) && e.event() instanceof StaleJobResultIgnored s
                        && s.jobId().equals(jobId)));

        Cli.Run missing = cli.run("dlq", "replay", "0:999999");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.firstErrLine()).contains("no record at 0:999999");
        system.awaitStates(Set.of(unknown), EnumSet.of(DocumentState.SCANNED));
        system.awaitReadModelCaughtUp();
    }

    @Test
    @Order(9)
    void auditFindsACorruptedReadModelAndRebuildRepairsIt() throws Exception {
        UUID changed = docs.get(2);
        UUID deleted = docs.get(3);
        system.jdbc().sql("UPDATE documents SET state = 'VALIDATED' WHERE document_id = ?").param(changed).update();
        system.jdbc().sql("DELETE FROM documents WHERE document_id = ?").param(deleted).update();

        Cli.Run audit = cli.run("audit", "--settle", "1s");
        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(1);
        assertThat(audit.out()).contains("FAILED", "READ_MODEL_MISMATCH - document " + changed,
                "state 'VALIDATED' (expected 'EXTRACTED')", "READ_MODEL_MISSING_ROW - document " + deleted);
        JsonNode report = JSON.readTree(cli.run("audit", "--settle", "1s", "--json").out());
        assertThat(report.get("violationsByType").get("READ_MODEL_MISMATCH").asLong()).isEqualTo(1);
        assertThat(report.get("violationsByType").get("READ_MODEL_MISSING_ROW").asLong()).isEqualTo(1);

        Cli.Run strict = cli.run("rebuild-projection", "--require-equal");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.out()).contains("DIFFERENT", "not swapped");

        Cli.Run rebuild = cli.run("rebuild-projection", "--json");
        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        JsonNode rebuilt = JSON.readTree(rebuild.out());
        assertThat(rebuilt.get("comparison").get("different").asLong()).isEqualTo(1);
        assertThat(rebuilt.get("comparison").get("missingInLive").asLong()).isEqualTo(1);
        assertThat(rebuilt.get("swapped").asBoolean()).isTrue();
        Cli.Run after = cli.run("audit");
        assertThat(after.exitCode()).as(after.toString()).isZero();
    }

    @Test
    @Order(10)
    void auditDetectsAJobDispatchedTwiceAndADuplicatedOcrRequest() throws Exception {
        // An OCR job record written a second time (a producer retry without idempotence, a buggy tool, ...).
        var ocrRecords = dev.docpipe.testsupport.TopicReader.readCommitted(system.bootstrap).readAll(Topics.OCR_JOBS);
        UUID doc = docs.get(4);
        var original = ocrRecords.stream().filter(r -> !r.key().equals(doc.toString())).findFirst().orElseThrow();
        system.send(Topics.OCR_JOBS, original.key(), original.value().getBytes());

        // An OCR request the decider would never make: a second job for an engine version already served.
        RecordedEvent last = system.events().stream().filter(e -> e.documentId().equals(doc))
                .max(Comparator.comparingLong(RecordedEvent::version)).orElseThrow();
        var state = system.document(doc);
        Job extra = new Job(UUID.randomUUID(), doc, dev.docpipe.model.job.JobKind.OCR, state.ocr().attempt() + 1,
                LiveSystem.FILE, Instant.now().plus(Duration.ofHours(1)), "v2");
        RecordedEvent duplicateRequest = new RecordedEvent(UUID.randomUUID(), doc, last.version() + 1, Instant.now(),
                UUID.randomUUID(), new dev.docpipe.model.event.OcrRequested(extra, 1));
        system.send(Topics.EVENTS, doc.toString(), ModelJson.EVENTS.encode(duplicateRequest));
        // And one event delivered twice.
        system.send(Topics.EVENTS, doc.toString(), ModelJson.EVENTS.encode(last));

        Cli.Run audit = cli.run("audit", "--settle", "2s");
        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(1);
        assertThat(audit.out()).contains("VIOLATED    at most one OCR job per confirmation and per (document, engine version)",
                "JOB_DISPATCHED_TWICE docpipe.jobs.ocr/" + original.partition() + "/",
                "DUPLICATE_OCR_JOB docpipe.events/", "second OCR job " + extra.jobId(),
                "JOB_MISSING docpipe.events/", "DUPLICATE_EVENT docpipe.events/");
        JsonNode report = JSON.readTree(cli.run("audit", "--settle", "2s", "--json").out());
        JsonNode byType = report.get("violationsByType");
        assertThat(byType.get("JOB_DISPATCHED_TWICE").asLong()).isEqualTo(1);
        assertThat(byType.get("DUPLICATE_OCR_JOB").asLong()).isEqualTo(1);
        assertThat(byType.get("JOB_MISSING").asLong()).isEqualTo(1);
        assertThat(byType.get("DUPLICATE_EVENT").asLong()).isEqualTo(1);
        Set<String> types = new HashSet<>();
        report.get("violations").forEach(v -> {
            types.add(v.get("type").asString());
            assertThat(v.get("topic").asString()).startsWith("docpipe.");
            assertThat(v.get("offset").isNumber()).isTrue();
        });
        assertThat(types).containsExactlyInAnyOrder("JOB_DISPATCHED_TWICE", "DUPLICATE_OCR_JOB", "JOB_MISSING",
                "DUPLICATE_EVENT");
    }

    /**
     * The audit folds one partition number at a time (the test topics have several): on the log of the tests
     * before, violations included, it reports what the whole-log fold reports, holding fewer documents at once.
     */
    @Test
    @Order(11)
    void anAuditByPartitionReportsWhatTheWholeLogFoldReports() throws Exception {
        Cli.Run sliced = cli.run("audit", "--settle", "2s", "--json", "--verbose");
        Cli.Run whole = cli.run("audit", "--settle", "2s", "--json", "--whole-log");
        assertThat(sliced.exitCode()).as(sliced.toString()).isEqualTo(1);
        assertThat(whole.exitCode()).as(whole.toString()).isEqualTo(1);
        assertThat(whole.err()).contains("folding the whole log at once");
        assertThat(sliced.err()).doesNotContain("folding the whole log at once");

        JsonNode slicedReport = JSON.readTree(sliced.out());
        JsonNode wholeReport = JSON.readTree(whole.out());
        for (String field : List.of("events", "unreadableEvents", "documents", "documentsByState", "eventsByType",
                "jobs", "results", "readModel", "invariants", "violationCount", "violationsByType",
                "personalFields")) {
            assertThat(slicedReport.get(field)).as(field).isEqualTo(wholeReport.get(field));
        }
        assertThat(violations(slicedReport)).isNotEmpty().containsExactlyInAnyOrderElementsOf(violations(wholeReport));

        long documents = slicedReport.get("documents").asLong();
        var held = java.util.regex.Pattern.compile("at most (\\d+) documents held at once").matcher(sliced.err());
        assertThat(held.find()).as(sliced.err()).isTrue();
        assertThat(Long.parseLong(held.group(1))).isLessThan(documents).isGreaterThanOrEqualTo((documents + 3) / 4);
    }

    private static List<String> violations(JsonNode report) {
        List<String> violations = new ArrayList<>();
        report.get("violations").forEach(v -> violations.add(v.toString()));
        return violations;
    }

    private static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    }
}
