package dev.docpipe.bench.confirm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One way to implement "confirm scan -> dispatch exactly one OCR job". */
public interface Approach extends AutoCloseable {
    String name();

    /** The Kafka topic its OCR jobs end up on (counted read_committed by the harness). */
    String jobTopic();

    /** Puts {@code documents} in state SCANNED and starts whatever runs in the background. Not measured. */
    void prepare(List<UUID> documents) throws Exception;

    /** One client request; blocking, as an HTTP handler is. */
    Status confirm(Workload.Request request) throws Exception;

    /** Injects one crash between "state changed" and "job dispatched"; returns what was done. */
    String injectCrash() throws Exception;

    /** Waits until everything accepted has been dispatched (relay drained, transactions committed). */
    void drain(Duration timeout) throws Exception;

    /** Approach-specific facts after the run, e.g. rows marked confirmed in the database. */
    default Map<String, Object> facts(Set<UUID> documents) throws Exception {
        return Map.of();
    }

    /**
     * The id a workload document has on the job topic. The same as in the workload, unless the approach
     * must rename documents to keep them apart from earlier runs on the same topics and read model.
     */
    default UUID idOnJobTopic(UUID workloadDocument) {
        return workloadDocument;
    }

    /** Process ids of external processes to charge to this approach besides the shared ones. */
    default Set<Long> externalPids() {
        return Set.of();
    }

    @Override
    void close() throws Exception;
}
