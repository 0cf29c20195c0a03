package dev.docpipe.bench.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.RedisServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized run of {@link ConfirmBenchmark}: all three approaches on a small workload, and the crash
 * variants of the two alternatives. (docpipe's crash variant, a SIGKILL of the Streams JVM, costs two JVM
 * start-ups; CI covers it with TortureKill9Test, which kills the same service three times and verifies
 * more; the full benchmark runs it.) It fails only on a correctness violation by docpipe (any duplicate or lost OCR job, any
 * contention 409, any request unanswered); for the alternatives it checks only that the harness ran and
 * counted every request. Never on speed. Figures go to target/bench-reports/confirm-short.md.
 */
class ConfirmBenchmarkShortRunTest {
    @BeforeAll
    static void quiet() {
        Quiet.logging();
    }

    @Test
    void docpipeDispatchesExactlyOneOcrJobPerDocumentAndTheAlternativesAreMeasured() throws Exception {
        ConfirmOptions options = ConfirmCommand.parse("--documents", "80", "--confirms", "10", "--retry-rate", "0.2",
                "--clients", "32", "--warmup-documents", "0", "--crash-documents", "60", "--crashes", "1",
                "--crash-approaches", "outbox,lock",
                "--lock-ttl-ms", "1500", "--report", "target/bench-reports/confirm-short.md");
        List<Row> rows = ConfirmBenchmark.run(options);

        List<Row> docpipe = rows.stream().filter(r -> r.approach().startsWith("docpipe")).toList();
        assertThat(docpipe).isNotEmpty().extracting(Row::variant).containsOnly("normal");
        assertThat(docpipe).allSatisfy(r -> {
            assertThat(r.duplicateJobs()).as(r.approach() + " " + r.variant() + ": duplicate OCR jobs").isZero();
            assertThat(r.lostDocuments()).as(r.approach() + " " + r.variant() + ": documents without OCR job").isZero();
            assertThat(r.jobRecords()).as("one OCR job per document").isEqualTo(r.documents());
            assertThat(r.status(Status.QUEUED_202)).as("202s: the accepted command and its same-id retries")
                    .isGreaterThanOrEqualTo(r.documents());
            assertThat(r.status(Status.CONTENTION_409) + r.status(Status.REFUSED_409)).as("409s").isZero();
            assertThat(r.status(Status.ERROR_5XX) + r.status(Status.TIMEOUT)).as("unanswered requests").isZero();
            assertThat(r.facts().get("documents with >1 ACCEPTED confirm")).isEqualTo(0L);
        });
        assertThat(rows).filteredOn(r -> r.variant().equals("crash")).allSatisfy(r ->
                assertThat(r.crashes()).as(r.approach() + ": crash injected").hasSize(1));

        // outbox normal + crash; with redis-server installed also lock normal + crash (update first, dispatch first)
        List<Row> others = rows.stream().filter(r -> !r.approach().startsWith("docpipe")).toList();
        assertThat(others).hasSize(RedisServer.binary().isPresent() ? 5 : 2);
        assertThat(others).allSatisfy(r -> {
            assertThat(r.statuses().values().stream().mapToInt(Integer::intValue).sum()).as("every request counted")
                    .isEqualTo(r.requests());
            assertThat(r.documentsWithJob() + r.lostDocuments()).isEqualTo(r.documents());
        });
    }
}
