package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.bench.infra.ResourceMeter;
import java.util.List;
import java.util.Map;

/** One measured run of one approach. */
public record Row(
        String approach,
        String variant,
        int clients,
        int documents,
        int requests,
        double seconds,
        Latencies reply,
        Latencies dispatch,
        Map<Status, Integer> statuses,
        long jobRecords,
        int documentsWithJob,
        long duplicateJobs,
        int documentsWithDuplicates,
        int lostDocuments,
        double jobsVisibleAfterSeconds,
        ResourceMeter.Usage usage,
        Map<String, Object> facts,
        List<String> crashes) {

    public double throughput() {
        return requests / seconds;
    }

    public int status(Status s) {
        return statuses.getOrDefault(s, 0);
    }

    public double cpuMsPerRequest() {
        return usage.totalCpuSeconds() * 1000 / requests;
    }
}
