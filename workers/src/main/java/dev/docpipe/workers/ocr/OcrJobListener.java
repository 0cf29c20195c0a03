package dev.docpipe.workers.ocr;

import dev.docpipe.model.Topics;
import dev.docpipe.workers.execution.JobRecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The OCR worker's consumer group on docpipe.jobs.ocr (read_committed, see application.yml). */
@Component
class OcrJobListener {
    private final JobRecordHandler handler;
    private final OcrExecutor executor;

    OcrJobListener(JobRecordHandler handler, OcrExecutor executor) {
        this.handler = handler;
        this.executor = executor;
    }

    @KafkaListener(id = "ocr-worker", topics = Topics.OCR_JOBS,
            groupId = "${docpipe.worker.ocr.group-id:docpipe-ocr-worker}",
            concurrency = "${docpipe.worker.ocr.concurrency:1}",
            autoStartup = "${docpipe.worker.ocr.enabled:true}")
    void onJob(ConsumerRecord<String, byte[]> record) {
        handler.handle(record, executor);
    }
}
