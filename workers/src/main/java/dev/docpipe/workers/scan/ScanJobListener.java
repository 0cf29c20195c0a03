package dev.docpipe.workers.scan;

import dev.docpipe.model.Topics;
import dev.docpipe.workers.execution.JobRecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The scan worker's consumer group on docpipe.jobs.scan (read_committed, see application.yml). */
@Component
class ScanJobListener {
    private final JobRecordHandler handler;
    private final ScanExecutor executor;

    ScanJobListener(JobRecordHandler handler, ScanExecutor executor) {
        this.handler = handler;
        this.executor = executor;
    }

    @KafkaListener(id = "scan-worker", topics = Topics.SCAN_JOBS,
            groupId = "${docpipe.worker.scan.group-id:docpipe-scan-worker}",
            concurrency = "${docpipe.worker.scan.concurrency:1}",
            autoStartup = "${docpipe.worker.scan.enabled:true}")
    void onJob(ConsumerRecord<String, byte[]> record) {
        handler.handle(record, executor);
    }
}
