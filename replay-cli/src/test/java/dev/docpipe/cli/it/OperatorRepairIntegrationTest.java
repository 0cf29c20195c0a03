package dev.docpipe.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.cli.Cli;
import dev.docpipe.cli.DocpipeCli;
import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.readmodel.DocumentRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * The operator's repair tools against a live docpipe (real broker, the pipeline in-process, a live projector
 * into real PostgreSQL): OCR retries, a backfill killed and resumed, and a read-model row repaired after an
 * event it skipped. In order, on one system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorRepairIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 10;

    private LiveSystem system;
    private Cli cli;
    private final List<UUID> docs = new ArrayList<>();
    private Set<UUID> ocrFailed;

    @BeforeAll
    void startSystem(@TempDir Path stateDir) {
        system = LiveSystem.start("operator_repair", stateDir);
        cli = system.cli();
        List<Command> registrations = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            UUID id = UUID.randomUUID();
            docs.add(id);
            registrations.add(system.register(id));
        }
        system.sendAndAwait(registrations);
        system.awaitStates(Set.copyOf(docs), EnumSet.of(DocumentState.SCANNED));
        ocrFailed = Set.of(docs.get(0), docs.get(1));
        system.failOcrOf(ocrFailed);
        system.sendAndAwait(docs.stream().map(id -> system.command(id, new ConfirmScan())).toList());
        system.awaitStates(ocrFailed, EnumSet.of(DocumentState.OCR_FAILED));
        system.awaitStates(Set.copyOf(docs.subList(2, DOCUMENTS)), EnumSet.of(DocumentState.EXTRACTED));
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
    void retryOcrQueuesOneJobPerFailedAttemptHoweverOftenItIsRun() throws Exception {
        int ocrJobsBefore = system.jobs(Topics.OCR_JOBS).size();
        Cli.Run dry = cli.run("retry-ocr", "--all-failed", "--dry-run", "--json");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode predicted = JSON.readTree(dry.out());
        assertThat(predicted.get("retries").findValuesAsString("documentId"))
                .containsExactlyInAnyOrderElementsOf(ocrFailed.stream().map(UUID::toString).toList());
        assertThat(predicted.get("retries").findValues("failedAttempt")).allMatch(n -> n.asInt() == 1);
        assertThat(predicted.get("outcomes").get("ACCEPTED OCR_QUEUED").asLong()).isEqualTo(2);
        assertThat(predicted.get("ocrJobs").asLong()).isEqualTo(2);
        assertThat(predicted.get("sent").asLong()).isZero();

        system.healOcr();
        Cli.Run run = cli.run("retry-ocr", "--all-failed", "--rate", "100", "--wait", "60s", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("sent").asLong()).isEqualTo(2);
        assertThat(report.get("outcomes").propertyNames()).containsExactly("ACCEPTED OCR_QUEUED");
        assertThat(report.get("ocrJobs").asLong()).isEqualTo(2);
        system.awaitStates(ocrFailed, EnumSet.of(DocumentState.EXTRACTED));

        // Run again, and the same retry named by hand (as from the document view seen before): nothing new.
        Cli.Run again = cli.run("retry-ocr", "--all-failed", "--json");
        assertThat(JSON.readTree(again.out()).get("retries")).isEmpty();
        UUID doc = docs.getFirst();
        Cli.Run dryByHand = cli.run("retry-ocr", "--document", doc.toString(), "--failed-attempt", "1", "--dry-run");
        assertThat(dryByHand.out()).contains("ALREADY_DONE ALREADY_RETRIED", "OCR jobs it would queue: 0");
        Cli.Run byHand = cli.run("retry-ocr", "--document", doc.toString(), "--failed-attempt", "1", "--wait", "30s",
                "--json");
        assertThat(byHand.exitCode()).as(byHand.toString()).isZero();
        JsonNode redone = JSON.readTree(byHand.out());
        assertThat(redone.get("outcomes").propertyNames()).isNotEmpty().noneMatch(s -> s.startsWith("ACCEPTED"));
        assertThat(redone.get("ocrJobs").asLong()).isZero();

        Map<UUID, List<Job>> jobs = system.jobs(Topics.OCR_JOBS).stream()
                .collect(Collectors.groupingBy(Job::documentId));
        assertThat(system.jobs(Topics.OCR_JOBS)).hasSize(ocrJobsBefore + 2);
        for (UUID failed : ocrFailed) {
            assertThat(jobs.get(failed)).extracting(Job::attempt).containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    @Order(2)
    void aBackfillKilledMidRunAndStartedAgainQueuesOneOcrJobPerEligibleDocument() throws Exception {
        PostgresDatabase pg = PostgresDatabase.shared();
        String[] backfill = {"backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v2"};
        try (JavaProcess first = JavaProcess.of(DocpipeCli.class).args(backfill).args("--rate", "2",
                "--checkpoint-every", "3", "--bootstrap-servers", system.bootstrap, "--db-url", system.dbUrl,
                "--db-user", pg.username(), "--db-password", pg.password(), "--no-progress").start()) {
            await("first checkpoint of the backfill").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> markerSent() >= 3);
            // a command past the checkpoint: sent (the pipeline answered it), not yet recorded as sent
            await("a command sent past the checkpoint").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> reprocessOutcomes() > markerSent());
            first.kill9();
        }
        long recorded = markerSent();
        assertThat(recorded).as("killed mid-run").isLessThan(DOCUMENTS);
        assertThat(system.jdbc().sql("SELECT complete FROM docpipe_backfill_progress").query(Boolean.class).single())
                .isFalse();

        Cli.Run resumed = cli.run(concat(backfill, "--rate", "100", "--wait", "60s", "--json"));
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        JsonNode report = JSON.readTree(resumed.out());
        assertThat(report.get("resumedAfter").isNull()).isFalse();
        // Documents the killed run recorded as sent are served by now (not eligible again) or skipped by the marker.
        assertThat(report.get("alreadyServed").asLong() + report.get("skippedByMarker").asLong())
                .isGreaterThanOrEqualTo(recorded);
        assertThat(report.get("sent").asLong() + report.get("alreadyServed").asLong()
                + report.get("skippedByMarker").asLong()).isEqualTo(DOCUMENTS);
        assertThat(report.get("missingOutcomes").asLong()).isZero();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> docs.stream()
                .allMatch(id -> "v2".equals(system.document(id).ocr().engineVersion())));
        Map<UUID, List<Job>> v2Jobs = system.jobs(Topics.OCR_JOBS).stream()
                .filter(j -> "v2".equals(j.engineVersion())).collect(Collectors.groupingBy(Job::documentId));
        assertThat(v2Jobs.keySet()).containsExactlyInAnyOrderElementsOf(docs);
        assertThat(v2Jobs.values()).allSatisfy(jobs -> assertThat(jobs).hasSize(1));
        system.awaitReadModelCaughtUp();
    }

    @Test
    @Order(3)
    void aRowLeftBehindBySkippedEventsIsRepairedByTheReplayAndByRebuildingTheDocument() throws Exception {
        UUID doc = docs.get(2);
        DocumentRow before = system.readModel().get(doc);
        long v = before.version();
        long reviewVersion = before.document().review().version();
        RecordedEvent titled = new RecordedEvent(UUID.randomUUID(), doc, v + 1, Instant.now(), UUID.randomUUID(),
                new ReviewEdited(new ReviewPatch("Zeugnis", null, null, null, null), reviewVersion + 1));
        RecordedEvent subject = new RecordedEvent(UUID.randomUUID(), doc, v + 2, Instant.now(), UUID.randomUUID(),
                new ReviewEdited(new ReviewPatch(null, "Mathe", null, null, null), reviewVersion + 2));
        // The first arrives unreadable (text the model refuses), so the projector skips it and holds the second.
        byte[] unreadable = new String(ModelJson.EVENTS.encode(titled), StandardCharsets.UTF_8)
                .replace("\"Zeugnis\"", "\"Zeug\\u0000nis\"").getBytes(StandardCharsets.UTF_8);
        system.send(Topics.EVENTS, doc.toString(), unreadable);
        system.send(Topics.EVENTS, doc.toString(), ModelJson.EVENTS.encode(subject));
        await("the later event parked").atMost(Duration.ofSeconds(30)).until(() -> parked(doc) == 1);
        assertThat(system.document(doc).version()).isEqualTo(v);

        // The record, fixed, is replayed (as 'docpipe dlq replay' does): the row catches up with the log.
        system.send(Topics.EVENTS, doc.toString(), ModelJson.EVENTS.encode(titled));
        await("the row repaired").atMost(Duration.ofSeconds(30)).until(() -> system.document(doc).version() == v + 2);
        assertThat(system.document(doc).review().fields().title()).isEqualTo("Zeugnis");
        assertThat(system.document(doc).review().fields().subject()).isEqualTo("Mathe");
        assertThat(parked(doc)).isZero();

        // A damaged row: the operator rebuilds that one document from the log.
        DocumentRow repaired = system.readModel().get(doc);
        system.jdbc().sql("UPDATE documents SET state = 'VALIDATED', aggregate = jsonb_set(aggregate, '{state}',"
                + " '\"VALIDATED\"') WHERE document_id = ?").param(doc).update();
        Cli.Run rebuild = cli.run("rebuild-projection", "--document", doc.toString(), "--json");
        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        JsonNode report = JSON.readTree(rebuild.out());
        assertThat(report.get("versionAfter").asLong()).isEqualTo(v + 2);
        assertThat(report.get("unreadableEvents").asLong()).isEqualTo(1);
        assertThat(report.get("rowAhead").asBoolean()).isFalse();
        assertThat(system.readModel().get(doc)).isEqualTo(repaired);

        Cli.Run text = cli.run("rebuild-projection", "--document", doc.toString());
        assertThat(text.out()).contains("v" + (v + 2) + " -> v" + (v + 2) + " (the fold of the log)");
        Cli.Run unknown = cli.run("rebuild-projection", "--document", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.firstErrLine()).contains("not found");
    }

    @Test
    @Order(4)
    void theSameBackfillRunAgainAfterAFailedReprocessTriesAgainWhereItFailedOnly() throws Exception {
        Set<UUID> failing = Set.of(docs.get(3), docs.get(4));
        system.failOcrOf(failing);
        String[] backfill = {"backfill", "--from", yesterday(), "--to", tomorrow(), "--engine-version", "v3",
                "--rate", "100", "--wait", "60s", "--json"};
        Cli.Run first = cli.run(backfill);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        await("the failed reprocesses back where they started").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> failing.stream().map(system::document)
                        .allMatch(d -> d.state() == DocumentState.EXTRACTED && d.lastFailure() != null));
        for (UUID id : failing) {
            assertThat(system.document(id).ocr().engineVersion()).as("text of the previous engine kept").isEqualTo("v2");
        }

        system.healOcr();
        Cli.Run again = cli.run(concat(backfill, "--restart"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        await("the second try served").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> failing.stream().allMatch(id -> "v3".equals(system.document(id).ocr().engineVersion())));
        Cli.Run third = cli.run(concat(backfill, "--restart"));
        assertThat(third.exitCode()).as(third.toString()).isZero();

        Map<UUID, List<Job>> v3Jobs = system.jobs(Topics.OCR_JOBS).stream()
                .filter(j -> "v3".equals(j.engineVersion())).collect(Collectors.groupingBy(Job::documentId));
        assertThat(v3Jobs.keySet()).containsExactlyInAnyOrderElementsOf(docs);
        v3Jobs.forEach((id, jobs) -> assertThat(jobs).as("v3 jobs of " + id).hasSize(failing.contains(id) ? 2 : 1)
                .extracting(Job::jobId).doesNotHaveDuplicates());
    }

    private long reprocessOutcomes() {
        return system.outcomes().stream().filter(o -> o.commandType().equals("ReprocessOcr")).count();
    }

    private long markerSent() {
        return system.jdbc().sql("SELECT sent FROM docpipe_backfill_progress").query(Long.class).single();
    }

    private long parked(UUID doc) {
        return system.jdbc().sql("SELECT count(*) FROM parked_events WHERE document_id = ?").param(doc)
                .query(Long.class).single();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    }
}
