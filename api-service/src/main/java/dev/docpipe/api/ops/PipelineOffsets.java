package dev.docpipe.api.ops;

import dev.docpipe.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Offsets the broker reports, without reading a record: the size of docpipe.dlq and the pipeline's consumer lag.
 * Both come from Admin calls, so they cost the same however large the topics are.
 */
@Component
public class PipelineOffsets implements DisposableBean {
    private final Admin admin;
    private final OpsProperties properties;

    public PipelineOffsets(KafkaProperties kafka, OpsProperties properties) {
        Map<String, Object> config = kafka.buildAdminProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "docpipe-api-ops");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.readTimeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(properties.readTimeout().toMillis(), 5000));
        this.admin = Admin.create(config);
        this.properties = properties;
    }

    /**
     * Records in docpipe.dlq: end minus start offset of every partition (0 while the topic does not exist). The
     * pipeline dead-letters inside its transactions, whose commit markers take an offset each, so this is an upper
     * bound; what matters to an alert is that it grows.
     */
    public long dlqRecords() throws ExecutionException, InterruptedException, TimeoutException {
        if (!get(admin.listTopics().names()).contains(Topics.DLQ)) {
            return 0;
        }
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(Topics.DLQ)).allTopicNames())
                .get(Topics.DLQ).partitions().stream().map(p -> new TopicPartition(Topics.DLQ, p.partition())).toList();
        Map<TopicPartition, Long> begin = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        return partitions.stream().mapToLong(tp -> end.getOrDefault(tp, 0L) - begin.getOrDefault(tp, 0L)).sum();
    }

    /** Records the pipeline has still to decide: end offsets minus its group's committed offsets (commands, results). */
    public long pipelineLag() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(properties.pipelineGroup())
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetAndMetadata> inputs = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && (tp.topic().equals(Topics.COMMANDS) || tp.topic().equals(Topics.JOB_RESULTS))) {
                inputs.put(tp, offset);
            }
        });
        Map<TopicPartition, Long> end = offsets(inputs.keySet().stream().toList(), OffsetSpec.latest());
        return inputs.entrySet().stream()
                .mapToLong(e -> Math.max(0, end.getOrDefault(e.getKey(), 0L) - e.getValue().offset())).sum();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
