package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.testsupport.TopicReader;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A worker of today's code during a rolling upgrade (docs/design.md "Evolution rules"): the next version's
 * pipeline writes jobs with optional fields today's code does not know, in the envelope and nested; today's
 * worker runs them like any other job and dead-letters none.
 */
class NextVersionJobsKafkaTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aJobWithFieldsOfTheNextVersionIsRunAndNotDeadLettered() throws Exception {
        Path blobDir = Files.createTempDirectory("workers-next-version");
        WorkerFixture files = new WorkerFixture(blobDir);
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("written by the next version"), Duration.ofMinutes(2));
        ObjectNode next = (ObjectNode) JSON.readTree(ModelJson.JOBS.encode(job));
        next.put("priority", "HIGH");
        ((ObjectNode) next.get("file")).put("uploadChannel", "mobile");

        try (KafkaJobs jobs = new KafkaJobs(); WorkerApp app = WorkerApp.start(blobDir)) {
            jobs.publishRaw(Topics.SCAN_JOBS, job.documentId().toString(), JSON.writeValueAsBytes(next));

            assertThat(KafkaJobs.awaitResult(job.jobId())).isInstanceOfSatisfying(ScanSucceeded.class,
                    r -> assertThat(r.report().detectedType()).isEqualTo("application/pdf"));
            assertThat(TopicReader.readCommitted(KafkaBroker.shared().bootstrapServers()).readAll(Topics.DLQ))
                    .noneMatch(r -> job.documentId().toString().equals(r.key()));
        }
    }
}
